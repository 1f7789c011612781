package dev.scopeml.scorer.modelcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.TelcoModel;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Promoting a new version while clients are sending requests to two scorers: both serve the new
 * version within a second of the promotion, no request fails, and no response mixes versions.
 */
class HotSwapTest extends ScorerTest {

  private static final String SCOPE = "One year";
  private static final int CLIENTS = 4;

  private record Observed(
      int scorer,
      long sentNanos,
      long receivedNanos,
      int status,
      String header,
      List<Integer> versions,
      double firstYes) {}

  @Test
  void everyScorerServesThePromotedVersionWithinOneSecondWithoutFailures() throws Exception {
    TelcoModel first = TelcoModel.train(SCOPE, 20, 4, 1);
    TelcoModel second = TelcoModel.train(SCOPE, 40, 4, 2);
    store().registerFamily(first.family());
    ModelVersion v1 = storeAndPromote(first.toVersion());
    ModelVersion v2 = store().saveVersion(second.toVersion());
    List<Map<String, Object>> rows = first.holdout().subList(0, 5);
    assertThat(first.expected(rows.get(0))[1])
        .as("the two versions must answer differently to tell them apart")
        .isNotCloseTo(second.expected(rows.get(0))[1], within(1e-9));

    List<RunningScorer> scorers = List.of(startReadyScorer(Map.of()), startReadyScorer(Map.of()));
    String body =
        RunningScorer.toJson(Map.of("scope", Map.of("contract", SCOPE), "instances", rows));
    List<Observed> observed = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    var stop = new AtomicBoolean();
    var clients = new ArrayList<Thread>();
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      clients.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    int i = client;
                    while (!stop.get()) {
                      int which = i++ % scorers.size();
                      long sent = System.nanoTime();
                      try {
                        HttpResponse<String> response =
                            scorers.get(which).post("/v1/models/churn/predict", body);
                        observed.add(parse(which, sent, response));
                      } catch (RuntimeException e) {
                        failures.add(e);
                      }
                    }
                  }));
    }
    Thread.sleep(1_000);
    store().promote(TelcoModel.MODEL, v2.scope(), v2.version(), "test", "hot swap");
    long promoted = System.nanoTime();
    boolean switched =
        eventually(
            java.time.Duration.ofSeconds(10),
            () -> {
              synchronized (observed) {
                for (int s = 0; s < scorers.size(); s++) {
                  int scorer = s;
                  if (observed.stream()
                      .noneMatch(
                          o -> o.scorer() == scorer && o.versions().contains(v2.version()))) {
                    return false;
                  }
                }
                return true;
              }
            });
    Thread.sleep(1_500);
    stop.set(true);
    for (Thread client : clients) {
      client.join();
    }

    assertThat(switched).as("both scorers answered with v2").isTrue();
    assertThat(failures).as("requests that threw").isEmpty();
    List<Observed> all = List.copyOf(observed);
    assertThat(all).allSatisfy(o -> assertThat(o.status()).isEqualTo(200));
    assertThat(all)
        .as("every response answered by exactly one version, the one in its header")
        .allSatisfy(
            o -> {
              assertThat(o.versions()).containsOnly(o.versions().get(0));
              assertThat(o.header()).isEqualTo(String.valueOf(o.versions().get(0)));
            });
    assertThat(all)
        .as("v2 answers are v2's predictions, v1 answers v1's")
        .allSatisfy(
            o ->
                assertThat(o.firstYes())
                    .isCloseTo(
                        (o.versions().get(0) == v2.version() ? second : first)
                            .expected(rows.get(0))[1],
                        within(1e-12)));
    long deadline = promoted + 1_000_000_000L;
    for (int s = 0; s < scorers.size(); s++) {
      int scorer = s;
      List<Observed> late =
          all.stream().filter(o -> o.scorer() == scorer && o.sentNanos() > deadline).toList();
      assertThat(late)
          .as("requests to scorer %d sent a second after the promotion", s)
          .isNotEmpty();
      assertThat(late)
          .as("scorer %d serves v2 within 1 s of the promotion", s)
          .allSatisfy(o -> assertThat(o.versions()).containsOnly(v2.version()));
      long firstV2 =
          all.stream()
              .filter(o -> o.scorer() == scorer && o.versions().contains(v2.version()))
              .mapToLong(Observed::receivedNanos)
              .min()
              .orElseThrow();
      assertThat(all)
          .as("scorer %d never answers v1 to a request sent after it answered v2", s)
          .filteredOn(o -> o.scorer() == scorer && o.sentNanos() > firstV2)
          .allSatisfy(o -> assertThat(o.versions()).containsOnly(v2.version()));
      System.out.printf(
          "hot swap: scorer %d first answered v2 %.1f ms after the promotion committed%n",
          s, (firstV2 - promoted) / 1e6);
    }
    System.out.printf(
        "hot swap: %d requests, 0 failed, v%d -> v%d%n", all.size(), v1.version(), v2.version());
  }

  private static Observed parse(int scorer, long sent, HttpResponse<String> response) {
    long received = System.nanoTime();
    if (response.statusCode() != 200) {
      return new Observed(scorer, sent, received, response.statusCode(), "", List.of(-1), -1);
    }
    JsonNode predictions = RunningScorer.json(response).get("predictions");
    var versions = new ArrayList<Integer>();
    predictions.forEach(p -> versions.add(p.get("version").asInt()));
    return new Observed(
        scorer,
        sent,
        received,
        response.statusCode(),
        response.headers().firstValue("X-Model-Version").orElse(""),
        versions,
        predictions.get(0).get("probabilities").get("Yes").asDouble());
  }
}

package dev.scopeml.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.Slot;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.reliability.SharedStack;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.services.ServiceProcess;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * More than 10,000 malformed predict and infer requests, generated from a seed, against a real
 * scorer process: none is answered 5xx, every refusal is a JSON error, the scorer process never
 * dies, and afterwards it is ready and still predicts exactly what it predicted before. Bodies over
 * the size limits are answered 413 with a JSON error, by the scorer directly and through nginx
 * (whose own limit is larger, and whose own 413 page is rewritten to JSON).
 *
 * <p>The seed is {@code -Dscopeml.reliability.seed} when given, else a fixed one; it is printed,
 * and a failure names the kind, path and body of the request at fault.
 */
class MalformedRequestTest extends ReliabilityTest {

  private static final int PER_KIND = 850;
  private static final long SEED = Long.getLong("scopeml.reliability.seed", 20_260_801L);

  private SharedStack stack;
  private ServiceProcess scorer;
  private NginxProcess nginx;
  private int nginxPort;
  private String validInfer;
  private String validTensor;

  @BeforeAll
  void validRequestsAndNginxInFront() {
    stack = sharedStack();
    scorer = stack.scorer();
    JsonNode predict = Http.JSON.readTree(stack.predictBody());
    JsonNode instance = predict.path("instances").path(0);
    var inputs = new ArrayList<Map<String, Object>>();
    for (String feature : instance.propertyNames()) {
      JsonNode value = instance.get(feature);
      inputs.add(
          Map.of(
              "name",
              feature,
              "shape",
              List.of(1),
              "datatype",
              value.isNumber() ? "FP64" : "BYTES",
              "data",
              List.of(value.isNumber() ? value.asDouble() : value.asString())));
    }
    validInfer =
        Http.JSON.writeValueAsString(
            Map.of(
                "id",
                "corpus",
                "parameters",
                Map.of("scope", TelcoModel.ONE_YEAR.toString()),
                "inputs",
                inputs));
    JsonNode metadata = Http.get(scorer.operatorUri("/v2/models/" + TelcoModel.MODEL)).json();
    int width = metadata.path("parameters").path("encoded_features").size();
    assertThat(width).as("encoded features in %s", metadata).isPositive();
    var row = new ArrayList<Double>();
    for (int i = 0; i < width; i++) {
      row.add(0.0);
    }
    validTensor =
        Http.JSON.writeValueAsString(
            Map.of(
                "parameters", Map.of("scope", TelcoModel.ONE_YEAR.toString()),
                "inputs",
                    List.of(
                        Map.of(
                            "name",
                            "rows",
                            "shape",
                            List.of(1, width),
                            "datatype",
                            "FP64",
                            "data",
                            List.of(row)))));
    for (String body : List.of(validInfer, validTensor)) {
      Http.Reply reply = Http.postJson(inferUri(), body);
      assertThat(reply.status()).as("a valid base request: %s", reply.body()).isEqualTo(200);
    }

    nginx =
        new NginxProcess(
            NginxProcess.findBinary().orElseThrow(() -> new IllegalStateException("no nginx")),
            workDirectory().resolve("nginx"),
            1,
            "4m");
    nginxPort = freePort();
    nginx.configure(FrontDoor.http(nginxPort), List.of(new Slot(1, "127.0.0.1", scorer.port())));
    nginx.start();
  }

  @AfterAll
  void stopNginx() {
    if (nginx != null) {
      nginx.stop();
    }
  }

  @Test
  void tenThousandMalformedRequestsGetNo5xxAndTheScorerStaysHealthy() throws Exception {
    var corpus =
        new MalformedRequests(
                SEED, TelcoModel.MODEL, stack.predictBody(), List.of(validInfer, validTensor))
            .generate(PER_KIND);
    String before = prediction();
    long serverErrorsLogged = serverErrorsLogged();
    System.out.printf("malformed corpus: %d requests from seed %d%n", corpus.size(), SEED);

    var byKind = new ConcurrentHashMap<String, Map<String, LongAdder>>();
    var faults = java.util.Collections.synchronizedList(new ArrayList<String>());
    try (var pool = Executors.newFixedThreadPool(4)) {
      for (MalformedRequests.Request request : corpus) {
        pool.submit(
            () -> {
              String outcome = send(request, faults);
              byKind
                  .computeIfAbsent(request.kind(), k -> new ConcurrentHashMap<>())
                  .computeIfAbsent(outcome, k -> new LongAdder())
                  .increment();
            });
      }
    }

    assertThat(corpus).hasSizeGreaterThanOrEqualTo(10_000);
    java.nio.file.Files.write(workDirectory().resolve("corpus-faults.txt"), faults);
    assertThat(faults.size())
        .as(
            "requests answered 5xx, not at all, or refused without JSON (%d; the first 20: %s)",
            faults.size(), String.join("\n", faults.subList(0, Math.min(20, faults.size()))))
        .isZero();
    assertThat(scorer.isAlive()).as("the scorer process is alive").isTrue();
    assertThat(Http.statusOf(scorer.uri("/readyz"))).isEqualTo(200);
    assertThat(prediction()).as("a valid prediction after the corpus").isEqualTo(before);
    assertThat(serverErrorsLogged())
        .as("server errors in the scorer's log")
        .isEqualTo(serverErrorsLogged);
    assertThat(errorSeriesModels())
        .as("metric labels name only registered models, whatever the requests named")
        .isSubsetOf(registeredModelsAndUnknown());

    var totals = new TreeMap<String, Long>();
    byKind.values().forEach(m -> m.forEach((k, v) -> totals.merge(k, v.sum(), Long::sum)));
    var kinds = new TreeMap<String, String>();
    byKind.forEach((kind, m) -> kinds.put(kind, summary(m)));
    System.out.println("malformed corpus by kind: " + kinds);
    CaseReport.record(
        "hostile",
        "malformed predict and infer requests (generated corpus, seed " + SEED + ")",
        corpus.size(),
        faults.size(),
        "answers "
            + totals
            + " over "
            + byKind.size()
            + " kinds; 0 5xx, 0 unanswered, every"
            + " refusal JSON; afterwards /readyz 200 and the same prediction as before",
        getClass().getSimpleName());
  }

  @Test
  void oversizedBodiesAnswer413Json() {
    byte[] overScorer = padded(3 * 1024 * 1024);
    byte[] overNginx = padded(5 * 1024 * 1024);
    URI direct = scorer.uri(TelcoModel.PREDICT);
    URI proxied = URI.create("http://127.0.0.1:" + nginxPort + TelcoModel.PREDICT);
    URI proxiedInfer =
        URI.create("http://127.0.0.1:" + nginxPort + "/v2/models/" + TelcoModel.MODEL + "/infer");
    var cases = new LinkedHashMap<String, HttpRequest>();
    cases.put("3 MB to the scorer (limit 2 MB)", request(direct, overScorer, false));
    cases.put("3 MB chunked to the scorer", request(direct, overScorer, true));
    cases.put("3 MB through nginx, refused by the scorer", request(proxied, overScorer, false));
    cases.put("5 MB through nginx (limit 4 MB)", request(proxied, overNginx, false));
    cases.put("5 MB chunked through nginx", request(proxied, overNginx, true));
    cases.put("5 MB infer through nginx", request(proxiedInfer, overNginx, false));
    var wrong = new LinkedHashMap<String, String>();
    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (var entry : cases.entrySet()) {
      try {
        HttpResponse<String> response =
            client.send(entry.getValue(), HttpResponse.BodyHandlers.ofString());
        String error = errorOf(response.body());
        if (response.statusCode() != 413 || error == null) {
          wrong.put(entry.getKey(), response.statusCode() + " " + response.body());
        }
      } catch (Exception e) {
        wrong.put(entry.getKey(), e.toString());
      }
    }
    assertThat(wrong).as("oversized bodies not answered 413 with a JSON error").isEmpty();
    assertThat(Http.statusOf(scorer.uri("/readyz"))).isEqualTo(200);
    CaseReport.record(
        "hostile",
        "oversized bodies answer 413 JSON (scorer limit 2 MB, nginx 4 MB; declared and chunked)",
        cases.size(),
        wrong.size(),
        String.join("; ", cases.keySet()),
        getClass().getSimpleName());
  }

  private String send(MalformedRequests.Request request, List<String> faults) {
    var headers = new HashMap<String, String>();
    if (request.contentType() != null) {
      headers.put("Content-Type", request.contentType());
    }
    Http.Reply reply;
    try {
      reply = Http.send("POST", scorer.uri(request.path()), request.body(), headers);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      faults.add(describe(request, "no answer: " + e));
      return "no answer";
    }
    int status = reply.status();
    if (status >= 500) {
      faults.add(describe(request, status + " " + reply.body()));
    } else if (status >= 300 && errorOf(reply.body()) == null) {
      faults.add(describe(request, status + " without a JSON error: " + reply.body()));
    }
    return status / 100 + "xx";
  }

  private static String describe(MalformedRequests.Request request, String what) {
    String body = new String(request.body(), StandardCharsets.UTF_8);
    return request.kind()
        + " POST "
        + (request.path().length() > 120 ? request.path().substring(0, 120) + "…" : request.path())
        + " ["
        + request.contentType()
        + "] "
        + (body.length() > 120 ? body.substring(0, 120) + "…" : body)
        + " → "
        + (what.length() > 200 ? what.substring(0, 200) + "…" : what);
  }

  /** The "error" text of a JSON error body, or null if the body is not one. */
  private static String errorOf(String body) {
    try {
      JsonNode error = Http.JSON.readTree(body).path("error");
      return error.isString() && !error.asString().isBlank() ? error.asString() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String summary(Map<String, LongAdder> outcomes) {
    var sorted = new TreeMap<String, Long>();
    outcomes.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted.toString();
  }

  private String prediction() {
    Http.Reply reply = Http.postJson(scorer.uri(TelcoModel.PREDICT), stack.predictBody());
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("predictions").toString();
  }

  private long serverErrorsLogged() {
    return scorer.log().lines().filter(line -> line.contains("request failed")).count();
  }

  private List<String> errorSeriesModels() {
    return Http.get(scorer.operatorUri("/actuator/prometheus"))
        .body()
        .lines()
        .filter(line -> line.startsWith("scopeml_prediction_errors_total{"))
        .map(line -> line.replaceAll(".*model=\"([^\"]*)\".*", "$1"))
        .distinct()
        .toList();
  }

  private List<String> registeredModelsAndUnknown() {
    var names = new ArrayList<String>(List.of("unknown"));
    try (var connection = stack.dataSource().getConnection();
        var rows = connection.createStatement().executeQuery("SELECT name FROM model_families")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }

  private URI inferUri() {
    return scorer.uri("/v2/models/" + TelcoModel.MODEL + "/infer");
  }

  /** A valid-looking predict body padded to {@code size} bytes with an unknown field. */
  private byte[] padded(int size) {
    String start = stack.predictBody().substring(0, stack.predictBody().length() - 1);
    String pad = ",\"pad\":\"" + "p".repeat(size) + "\"}";
    return (start + pad).getBytes(StandardCharsets.UTF_8);
  }

  private static HttpRequest request(URI uri, byte[] body, boolean chunked) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(
            chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }
}

package dev.scopeml.scorer.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.kafka.stream.StreamRun;
import dev.scopeml.kafka.stream.StreamTopics;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.kafka.TestKafka;
import dev.scopeml.testsupport.metrics.PrometheusText;
import dev.scopeml.testsupport.models.TelcoModel;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka trigger of scorers running in this JVM against a real broker (one per class, the
 * build's broker process): results equal the HTTP answers, refused requests reach the dead-letter
 * topic with HTTP's error, a promotion is served mid-stream without mixing versions, a scorer joins
 * its group only once ready, a stopped scorer hands over without losing or repeating an answer, and
 * the stream survives a broker restart. Each test uses topics and a group of its own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamTriggerTest extends ScorerTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int PARTITIONS = 3;
  private static final Duration ANSWERED = Duration.ofSeconds(90);

  private TestKafka kafka;
  private TelcoModel oneYear;
  private TelcoModel oneYearRetrained;
  private TelcoModel twoYear;
  private int oneYearVersion;
  private int retrainedVersion;

  @BeforeAll
  void brokerAndModels() {
    kafka = TestKafka.start(getClass().getSimpleName());
    oneYear = TelcoModel.train("One year", 20, 4, 1);
    oneYearRetrained = TelcoModel.train("One year", 40, 4, 2);
    twoYear = TelcoModel.train("Two year", 20, 4, 3);
    oneYearVersion = oneYear.storeAndPromote(store());
    twoYear.storeAndPromote(store());
    TelcoModel.train(null, 20, 4, 4).storeAndPromote(store());
    retrainedVersion = store().saveVersion(oneYearRetrained.toVersion()).version();
  }

  @AfterAll
  void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Order(1)
  void resultsCarryTheirRequestAndEqualTheHttpAnswers() {
    StreamTopics topics = kafka.topics("parity-", PARTITIONS);
    RunningScorer scorer = startReadyScorer(trigger(topics, "parity", Map.of()));
    List<Map<String, Object>> bodies = parityBodies();
    int requests = 200;
    Map<Integer, ConsumerRecord<byte[], byte[]>> results =
        Collections.synchronizedMap(new HashMap<>());
    StreamReport report;
    try (var run = new StreamRun(kafka.client(), topics, requests, 1)) {
      run.observe(record -> results.put(run.indexOf(record.key()), record));
      run.publish(n -> bytes(bodies.get(n % bodies.size())), 0);
      report = run.await(ANSWERED, progress -> {});
      assertThat(report.exactlyOnce()).as("one result per request: %s", report).isTrue();
      assertThat(report.deadLetters()).isZero();

      var lastOffset = new HashMap<Integer, Long>();
      for (int n = 0; n < requests; n++) {
        ConsumerRecord<byte[], byte[]> result = results.get(n);
        JsonNode value = JSON.readTree(result.value());
        Map<String, Object> body = new LinkedHashMap<>(bodies.get(n % bodies.size()));
        body.remove("model");
        HttpResponse<String> http =
            scorer.post("/v1/models/churn/predict", RunningScorer.toJson(body));
        assertThat(http.statusCode()).isEqualTo(200);
        assertThat(value.get("predictions"))
            .as("request %d: the stream's predictions are HTTP's", n)
            .isEqualTo(RunningScorer.json(http).get("predictions"));
        assertThat(header(result, StreamListener.MODEL_VERSION_HEADER))
            .as("the versions that answered, as X-Model-Version")
            .isEqualTo(http.headers().firstValue("X-Model-Version").orElseThrow());
        assertThat(header(result, StreamListener.SCORER_VERSION_HEADER))
            .isEqualTo(http.headers().firstValue("X-Scorer-Version").orElseThrow());
        assertThat(value.get("topic").asString()).isEqualTo(topics.requests());
        assertThat(value.get("key").asString()).isEqualTo(run.key(n));
        assertThat(value.get("model").asString()).isEqualTo(TelcoModel.MODEL);
        int partition = value.get("partition").asInt();
        assertThat(result.partition())
            .as("a result goes to the partition numbered as its request's")
            .isEqualTo(partition % PARTITIONS);
        assertThat(new String(result.key(), StandardCharsets.UTF_8)).isEqualTo(run.key(n));
        lastOffset.merge(partition, value.get("offset").asLong(), Math::max);
      }
      assertThat(inResultOrder(results.values()))
          .as("each partition's results come in the order of its requests")
          .allSatisfy(
              (partition, offsets) -> assertThat(offsets).isSorted().doesNotHaveDuplicates());
    }
    assertThat(metric(scorer, "scopeml_stream_results_total", "")).isEqualTo(requests);
    assertThat(metric(scorer, "scopeml_stream_consumed_total", "")).isEqualTo(requests);
    System.out.printf("stream parity: %s%n", report);
  }

  @Test
  @Order(2)
  void refusedRequestsGoToTheDeadLettersWithTheAnswerHttpGives() {
    StreamTopics topics = kafka.topics("refused-", PARTITIONS);
    RunningScorer scorer =
        startReadyScorer(
            trigger(topics, "refused", Map.of("scopeml.scorer.max-body-size", "64KB")));
    List<Malformed> kinds = malformed();
    int good = 4_000;
    int bad = 1_000;
    int every = (good + bad) / bad;
    byte[] goodBody = oneYear.streamRequest(1);
    List<ConsumerRecord<byte[], byte[]>> deadLetters =
        Collections.synchronizedList(new ArrayList<>());
    StreamReport report;
    Map<Integer, Malformed> kindOf = new HashMap<>();
    try (var run = new StreamRun(kafka.client(), topics, good + bad, 1)) {
      run.observe(
          record -> {
            if (record.topic().equals(topics.deadLetters())) {
              deadLetters.add(record);
            }
          });
      for (int n = every - 1, k = 0; n < good + bad; n += every, k++) {
        kindOf.put(n, kinds.get(k % kinds.size()));
      }
      run.publish(n -> kindOf.containsKey(n) ? kindOf.get(n).value() : goodBody, 0);
      report = run.await(ANSWERED, progress -> {});

      assertThat(report.exactlyOnce()).as("every request answered once: %s", report).isTrue();
      assertThat(report.results()).as("every good request answered").isEqualTo(good);
      assertThat(report.deadLetters()).as("every malformed one in the dead letters").isEqualTo(bad);
      var statuses = new HashMap<Integer, Integer>();
      for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
        int n = run.indexOf(letter.key());
        Malformed kind = kindOf.get(n);
        assertThat(kind).as("dead letter %d is a malformed request", n).isNotNull();
        assertThat(letter.value())
            .as("the original bytes of %s", kind.name())
            .isEqualTo(kind.value());
        assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(topics.requests());
        assertThat(
                ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value())
                    .getLong())
            .isNotNegative();
        assertThat(
                ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-partition").value())
                    .getInt())
            .isBetween(0, PARTITIONS - 1);
        int status = Integer.parseInt(header(letter, DeadLetters.STATUS_HEADER));
        JsonNode error = JSON.readTree(header(letter, DeadLetters.ERROR_HEADER));
        kind.check(scorer, status, error);
        statuses.merge(status, 1, Integer::sum);
      }
      System.out.printf("dead letters by status: %s; %s%n", statuses, report);
    }
    assertThat(metric(scorer, "scopeml_stream_dead_letters_total", ""))
        .as("dead letters counted")
        .isEqualTo(bad);
    assertThat(metric(scorer, "scopeml_prediction_errors_total", "api=\"stream\""))
        .as("refusals counted as the HTTP APIs count theirs, under api=stream")
        .isEqualTo(bad);
    assertThat(scorer.get("/readyz").statusCode()).as("still ready").isEqualTo(200);
  }

  @Test
  @Order(3)
  void aPromotionIsServedMidStreamWithinASecondWithoutMixingVersions() throws Exception {
    StreamTopics topics = kafka.topics("promotion-", PARTITIONS);
    startReadyScorer(trigger(topics, "promotion", Map.of()));
    List<Map<String, Object>> rows = oneYear.holdout().subList(0, 3);
    byte[] body =
        bytes(Map.of("model", "churn", "scope", Map.of("contract", "One year"), "instances", rows));
    int perSecond = 200;
    int requests = perSecond * 6;
    var versionsOf = new int[requests][];
    var firstYes = new double[requests];
    var promotedAt = new long[1];
    StreamReport report;
    try (var run = new StreamRun(kafka.client(), topics, requests, rows.size())) {
      run.observe(
          record -> {
            JsonNode predictions = JSON.readTree(record.value()).get("predictions");
            int n = run.indexOf(record.key());
            var versions = new int[predictions.size()];
            for (int i = 0; i < versions.length; i++) {
              versions[i] = predictions.get(i).get("version").asInt();
            }
            versionsOf[n] = versions;
            firstYes[n] = predictions.get(0).get("probabilities").get("Yes").asDouble();
          });
      Thread promoter =
          Thread.ofPlatform()
              .start(
                  () -> {
                    sleep(2_000);
                    oneYearRetrained.promote(store(), retrainedVersion);
                    promotedAt[0] = System.nanoTime();
                  });
      run.publish(n -> body, perSecond);
      promoter.join();
      report = run.await(ANSWERED, progress -> {});
      assertThat(report.exactlyOnce()).as("%s", report).isTrue();
      int late = 0;
      for (int n = 0; n < requests; n++) {
        int[] versions = versionsOf[n];
        assertThat(versions).as("request %d answered by one version", n).containsOnly(versions[0]);
        TelcoModel answering = versions[0] == retrainedVersion ? oneYearRetrained : oneYear;
        assertThat(firstYes[n])
            .as("request %d answered with v%d's prediction", n, versions[0])
            .isCloseTo(answering.expected(rows.get(0))[1], within(1e-12));
        if (run.sentAt(n) > promotedAt[0] + 1_000_000_000L) {
          late++;
          assertThat(versions[0])
              .as("request %d, sent over a second after the promotion", n)
              .isEqualTo(retrainedVersion);
        }
      }
      assertThat(late).as("requests sent a second after the promotion").isGreaterThan(perSecond);
      assertThat(versionsOf[0][0])
          .as("the first requests were v1's")
          .isNotEqualTo(retrainedVersion);
    } finally {
      oneYear.promote(store(), oneYearVersion);
    }
  }

  @Test
  @Order(4)
  void aScorerJoinsItsGroupOnlyOnceReady() throws Exception {
    StreamTopics topics = kafka.topics("ready-", PARTITIONS);
    String url = emptyDatabase();
    String group = "ready";
    RunningScorer scorer = startScorer(trigger(topics, group, Map.of("scopeml.db.url", url)));
    int requests = 50;
    try (var run = new StreamRun(kafka.client(), topics, requests, 1);
        Admin admin = Admin.create(kafka.client())) {
      run.publish(n -> oneYear.streamRequest(1), 0);
      sleep(3_000);
      assertThat(scorer.get("/readyz").statusCode()).as("no schema yet").isEqualTo(503);
      assertThat(members(admin, group)).as("members of the group while not ready").isZero();
      assertThat(run.progress().answered()).isZero();

      migrateAndServe(url, oneYear);
      scorer.awaitReady(Duration.ofSeconds(60));
      StreamReport report = run.await(ANSWERED, progress -> {});
      assertThat(report.exactlyOnce()).as("%s", report).isTrue();
      assertThat(members(admin, group)).as("members once ready").isEqualTo(1);
    }
  }

  @Test
  @Order(5)
  void aStoppedScorerFinishesItsPollAndHandsOverWithoutRepeatingAnAnswer() throws Exception {
    StreamTopics topics = kafka.topics("handover-", PARTITIONS);
    // At least once: only a stop that commits what it answered avoids answering twice.
    Map<String, Object> alo = Map.of("scopeml.scorer.kafka.delivery", "at-least-once");
    RunningScorer first = startReadyScorer(trigger(topics, "handover", alo));
    startReadyScorer(trigger(topics, "handover", alo));
    int requests = 20_000;
    byte[] body = twoYear.streamRequest(1);
    try (var run = new StreamRun(kafka.client(), topics, requests, 1)) {
      // Paced over five seconds, so the stop lands while requests keep arriving.
      Thread publisher = Thread.ofPlatform().start(() -> run.publish(n -> body, requests / 5.0));
      assertThat(eventually(ANSWERED, () -> run.progress().answered() > requests / 3)).isTrue();
      first.close();
      long answeredAtStop = run.progress().answered();
      publisher.join();
      StreamReport report = run.await(ANSWERED, progress -> {});
      System.out.printf(
          "hand-over after a graceful stop at %d answers, at least once: %s%n",
          answeredAtStop, report);
      assertThat(answeredAtStop).as("stopped mid-stream").isLessThan(requests * 3L / 4);
      assertThat(report.missing()).as("unanswered").isZero();
      assertThat(report.duplicated()).as("answered twice").isZero();
    }
  }

  @Test
  @Order(6)
  void theStreamResumesAfterABrokerRestartWithoutLosingOrRepeatingAnAnswer() {
    StreamTopics topics = kafka.topics("restart-", PARTITIONS);
    startReadyScorer(trigger(topics, "restart", Map.of()));
    int requests = 20_000;
    byte[] body = oneYear.streamRequest(1);
    try (var run = new StreamRun(kafka.client(), topics, requests, 1)) {
      run.publish(n -> body, 0);
      assertThat(eventually(ANSWERED, () -> run.progress().answered() > requests / 4)).isTrue();
      long answeredBefore = run.progress().answered();
      kafka.restart();
      StreamReport report = run.await(ANSWERED, progress -> {});
      System.out.printf("broker restarted after %d answers: %s%n", answeredBefore, report);
      assertThat(answeredBefore).as("restarted mid-stream").isLessThan(requests);
      assertThat(report.exactlyOnce()).as("%s", report).isTrue();
    }
  }

  private Map<String, Object> trigger(StreamTopics topics, String group, Map<String, Object> more) {
    var properties = new HashMap<String, Object>(kafka.scorerProperties(topics, group));
    properties.put("scopeml.scorer.version", "stream-test");
    properties.putAll(more);
    return properties;
  }

  /** Bodies of every shape: scope object or string, per-instance scopes, a fallback, more rows. */
  private List<Map<String, Object>> parityBodies() {
    var mixed = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < 4; i++) {
      var row = new LinkedHashMap<>((i % 2 == 0 ? oneYear : twoYear).holdout().get(i));
      mixed.add(row);
    }
    return List.of(
        Map.of(
            "model",
            "churn",
            "scope",
            Map.of("contract", "One year"),
            "instances",
            oneYear.holdout().subList(0, 1)),
        Map.of(
            "model",
            "churn",
            "scope",
            "contract=Two year",
            "instances",
            twoYear.holdout().subList(0, 3)),
        Map.of("model", "churn", "instances", mixed),
        Map.of(
            "model",
            "churn",
            "scope",
            "contract=Weekly",
            "instances",
            oneYear.holdout().subList(2, 4)),
        Map.of(
            "model",
            "churn",
            "scope",
            ScopeKey.global().toString(),
            "instances",
            oneYear.holdout().subList(0, 5)));
  }

  /** A kind of malformed request, and how its dead letter's error must read. */
  private record Malformed(String name, byte[] value, HttpEquivalent http) {

    /** What HTTP answers the same body: posted to {@code model}'s predict path. */
    private record HttpEquivalent(String model, byte[] body, Integer status, String field) {}

    void check(RunningScorer scorer, int status, JsonNode error) {
      if (http.model() != null) {
        HttpResponse<String> answer =
            scorer.send(
                java.net.http.HttpRequest.newBuilder(
                        scorer.uri("/v1/models/" + http.model() + "/predict"))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(http.body())));
        assertThat(status).as("%s: the status HTTP answers", name).isEqualTo(answer.statusCode());
        assertThat(error)
            .as("%s: the error HTTP answers", name)
            .isEqualTo(RunningScorer.json(answer));
      } else {
        assertThat(status).as("%s: status", name).isEqualTo(http.status());
        assertThat(error.get("error").asString()).as("%s: a reason", name).isNotBlank();
        assertThat(error.path("field").isMissingNode() ? null : error.get("field").asString())
            .as("%s: field", name)
            .isEqualTo(http.field());
      }
    }
  }

  private List<Malformed> malformed() {
    String oneRow = "{\"tenure\": 12, \"monthly_charges\": 50.5}";
    return List.of(
        same("trailing comma", "{\"model\": \"churn\", \"instances\": [" + oneRow + ",]}"),
        same("NaN", "{\"model\": \"churn\", \"instances\": [{\"tenure\": NaN}]}"),
        same("an array", "[" + oneRow + "]"),
        withModel("unknown model", "nope", "{\"instances\": [" + oneRow + "]}"),
        withModel(
            "unknown field",
            "churn",
            "{\"scope\": \"contract=One year\", \"instances\": [" + oneRow + "], \"extra\": 1}"),
        withModel(
            "text in a number",
            "churn",
            "{\"scope\": \"contract=One year\", \"instances\": [{\"tenure\": \"twelve\"}]}"),
        withModel(
            "not a scope column",
            "churn",
            "{\"scope\": {\"region\": \"north\"}, \"instances\": [" + oneRow + "]}"),
        withModel("no instances", "churn", "{\"scope\": \"contract=One year\", \"instances\": []}"),
        withModel("instance missing its scope", "churn", "{\"instances\": [" + oneRow + "]}"),
        same(
            "too large",
            "{\"model\": \"churn\", \"instances\": [{\"note\": \""
                + "x".repeat(9_000)
                + "\"}"
                + (", {\"note\": \"" + "x".repeat(9_000) + "\"}").repeat(8)
                + "]}"),
        streamOnly("no model", "{\"instances\": [" + oneRow + "]}", "model"),
        streamOnly(
            "model not a string", "{\"model\": 7, \"instances\": [" + oneRow + "]}", "model"),
        new Malformed("no value", null, new Malformed.HttpEquivalent(null, null, 400, null)));
  }

  /** HTTP reads the very same bytes on churn's path. */
  private static Malformed same(String name, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return new Malformed(name, bytes, new Malformed.HttpEquivalent("churn", bytes, null, null));
  }

  /** The stream request is the HTTP body with {@code "model"} added first. */
  private static Malformed withModel(String name, String model, String httpBody) {
    String value = "{\"model\": \"" + model + "\", " + httpBody.substring(1);
    return new Malformed(
        name,
        value.getBytes(StandardCharsets.UTF_8),
        new Malformed.HttpEquivalent(model, httpBody.getBytes(StandardCharsets.UTF_8), null, null));
  }

  private static Malformed streamOnly(String name, String value, String field) {
    return new Malformed(
        name,
        value.getBytes(StandardCharsets.UTF_8),
        new Malformed.HttpEquivalent(null, null, 400, field));
  }

  private static Map<Integer, List<Long>> inResultOrder(
      java.util.Collection<ConsumerRecord<byte[], byte[]>> results) {
    var byResultPartition = new java.util.TreeMap<Integer, List<ConsumerRecord<byte[], byte[]>>>();
    for (ConsumerRecord<byte[], byte[]> result : results) {
      byResultPartition.computeIfAbsent(result.partition(), p -> new ArrayList<>()).add(result);
    }
    var offsetsByRequestPartition = new HashMap<Integer, List<Long>>();
    byResultPartition
        .values()
        .forEach(
            list -> {
              list.sort(java.util.Comparator.comparingLong(ConsumerRecord::offset));
              for (ConsumerRecord<byte[], byte[]> result : list) {
                JsonNode value = JSON.readTree(result.value());
                offsetsByRequestPartition
                    .computeIfAbsent(value.get("partition").asInt(), p -> new ArrayList<>())
                    .add(value.get("offset").asLong());
              }
            });
    return offsetsByRequestPartition;
  }

  private static int members(Admin admin, String group) throws InterruptedException {
    try {
      return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return 0;
      }
      throw new IllegalStateException(e);
    }
  }

  private static double metric(RunningScorer scorer, String metric, String labels) {
    return new PrometheusText(scorer.get("/actuator/prometheus").body()).sum(metric, labels);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(Object body) {
    return RunningScorer.toJson(body).getBytes(StandardCharsets.UTF_8);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

package dev.scopeml.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.Sample;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.reliability.SharedStack;
import dev.scopeml.testsupport.models.StoredVersions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corrupted versions in the model store, promoted one after another while a client keeps asking the
 * scorer for the scope: a flipped byte, a truncated artifact, a model that does not reproduce its
 * reference predictions, a Java-serialized stream of a class outside the allow-list (with a
 * checksum that matches: someone with write access computed it), and an unknown format. Each is
 * refused, counted in {@code scopeml_model_refused_total} and logged at ERROR, and the client only
 * ever gets answers from the good version.
 *
 * <p>Runs on the shared stack, on a model of its own trained by the shared trainer.
 */
class ArtifactCorruptionTest extends ReliabilityTest {

  private static final String MODEL = "tamper";
  private static final ScopeKey SCOPE = ScopeKey.of("contract", "One year");

  private SharedStack stack;
  private ModelStore store;
  private ModelVersion good;
  private ModelVersion other;

  @BeforeAll
  void trainTwoVersions() {
    stack = sharedStack();
    store = new JdbcModelStore(stack.dataSource());
    train(10, "always");
    train(30, "never");
    good = store.version(MODEL, SCOPE, 1).orElseThrow();
    other = store.version(MODEL, SCOPE, 2).orElseThrow();
    assertThat(good.reference().rows()).as("reference rows to verify against").isNotEmpty();
    Eventually.until(
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        () -> servedVersion().equals("1"),
        () -> "the scorer to serve " + MODEL + " v1");
  }

  @Test
  void corruptedVersionsAreNeverServedAndTheGoodOneKeepsServing() throws IOException {
    byte[] artifact = store.artifact(MODEL, SCOPE, 1).orElseThrow().bytes();
    byte[] flipped = artifact.clone();
    flipped[flipped.length / 2] ^= 0x20;
    Map<String, Supplier<Integer>> corruptions = new LinkedHashMap<>();
    corruptions.put(
        "one flipped byte",
        () -> StoredVersions.insertWithArtifact(stack.dataSource(), good, flipped));
    corruptions.put(
        "truncated artifact",
        () ->
            StoredVersions.insertWithArtifact(
                stack.dataSource(), good, Arrays.copyOf(artifact, artifact.length / 2)));
    corruptions.put(
        "another model under this version's reference predictions",
        () -> save(withArtifact(StoredVersions.asNew(store, MODEL, SCOPE, other.version()), good)));
    byte[] gadget = serialized(new PriorityQueue<>(List.of(3, 1, 2)));
    corruptions.put(
        "Java-serialized class outside the allow-list, checksum matching",
        () -> save(withEnvelope(new ArtifactEnvelope("smile-java", gadget))));
    corruptions.put(
        "unknown artifact format",
        () -> save(withEnvelope(new ArtifactEnvelope("pickle", new byte[] {1, 2, 3}))));

    double refusedBefore = refusals(null);
    try (var load =
        HttpLoad.start(
            HttpLoad.Settings.post(
                    stack.scorer().uri("/v1/models/" + MODEL + "/predict"), stack.predictBody())
                .withConnections(2)
                .withPause(Duration.ofMillis(10))
                .withDuration(Duration.ofMinutes(2)))) {
      int expected = 0;
      for (var corruption : corruptions.entrySet()) {
        int version = corruption.getValue().get();
        store.promote(MODEL, SCOPE, version, "reliability-test", corruption.getKey());
        expected++;
        int count = expected;
        String refusal = MODEL + "[" + SCOPE + "] v" + version + " refused";
        // Counted first, then logged: wait for both.
        Eventually.until(
            Duration.ofSeconds(20),
            Duration.ofMillis(100),
            () -> refusals(null) - refusedBefore >= count && stack.scorer().log().contains(refusal),
            () -> "v" + version + " (" + corruption.getKey() + ") to be refused");
        assertThat(stack.scorer().log().lines().filter(line -> line.contains(refusal)).findFirst())
            .hasValueSatisfying(
                line -> assertThat(line).contains(" ERROR ").contains("still serving v1"));
        assertThat(store.activeVersion(MODEL, SCOPE).orElseThrow().version())
            .as("the registry does point at the corrupted version")
            .isEqualTo(version);
      }
      Eventually.pause(Duration.ofSeconds(1));

      List<Sample> outcomes = load.stop().samples();
      long bad =
          outcomes.stream()
              .filter(o -> o.failed() || !"1".equals(o.header("X-Model-Version")))
              .count();
      assertThat(outcomes).hasSizeGreaterThan(50);
      assertThat(bad).as("answers that failed or did not come from v1").isZero();
      assertThat(refusals("artifact")).as("refused for their artifact").isEqualTo(4);
      assertThat(refusals("reference")).as("refused for their reference predictions").isEqualTo(1);
      CaseReport.record(
          "faults",
          "corrupted artifacts in the model store are never served; the previous version keeps"
              + " serving",
          outcomes.size(),
          bad,
          corruptions.size()
              + " bad versions promoted ("
              + String.join(", ", corruptions.keySet())
              + "): all refused, logged at ERROR, scopeml_model_refused_total reason=artifact 4,"
              + " reason=reference 1",
          getClass().getSimpleName());
    } finally {
      store.promote(MODEL, SCOPE, 1, "reliability-test", "back to the good version");
    }
  }

  private void train(int trees, String policy) {
    Http.Reply submitted =
        admin(
            stack.trainer(),
            "POST",
            "/v1/runs",
            Map.of(
                "model", MODEL,
                "source", Map.of("csv", "telco_churn.csv"),
                "label", "churn",
                "scopeBy", List.of("contract"),
                "scopes", List.of(Map.of("contract", "One year")),
                "params", Map.of("trees", trees, "maxDepth", 3),
                "promote", Map.of("policy", policy)));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    var view =
        awaitRun(stack.trainer(), submitted.json().path("run").asString(), Duration.ofMinutes(2));
    assertThat(view.path("status").asString()).as("%s", view).isEqualTo("succeeded");
  }

  private int save(NewModelVersion version) {
    return store.saveVersion(version).version();
  }

  /** The good version's everything, with another version's artifact. */
  private static NewModelVersion withArtifact(NewModelVersion from, ModelVersion reference) {
    return new NewModelVersion(
        MODEL,
        SCOPE,
        from.algorithm(),
        from.hyperparameters(),
        from.metrics(),
        from.schema(),
        reference.reference(),
        from.provenance(),
        from.artifact());
  }

  private NewModelVersion withEnvelope(ArtifactEnvelope envelope) {
    NewModelVersion copy = StoredVersions.asNew(store, MODEL, SCOPE, good.version());
    return new NewModelVersion(
        MODEL,
        SCOPE,
        copy.algorithm(),
        copy.hyperparameters(),
        copy.metrics(),
        copy.schema(),
        copy.reference(),
        copy.provenance(),
        envelope);
  }

  private String servedVersion() {
    Http.Reply reply =
        Http.postJson(stack.scorer().uri("/v1/models/" + MODEL + "/predict"), stack.predictBody());
    return reply.status() == 200 ? reply.header("X-Model-Version") : "status " + reply.status();
  }

  /** {@code scopeml_model_refused_total} of this model, for one reason or (null) all. */
  private double refusals(String reason) {
    return Http.get(stack.scorer().operatorUri("/actuator/prometheus"))
        .body()
        .lines()
        .filter(line -> line.startsWith("scopeml_model_refused_total{"))
        .filter(line -> line.contains("model=\"" + MODEL + "\""))
        .filter(line -> reason == null || line.contains("reason=\"" + reason + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static byte[] serialized(Object value) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }
}

package dev.scopeml.scorer.modelcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.StoredVersions;
import dev.scopeml.testsupport.models.TelcoModel;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the scorer refuses to serve, and that it keeps serving the previous version meanwhile: an
 * artifact whose bytes were altered in the database, and a version whose stored reference
 * predictions the decoded model does not reproduce. Also: a promotion made while the change
 * listener's connection is down is still picked up, by the reconcile after it reconnects.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VerificationTest extends ScorerTest {

  private static final String SCOPE = "One year";

  private TelcoModel good;
  private TelcoModel other;
  private ModelVersion v1;
  private RunningScorer scorer;
  private List<Map<String, Object>> rows;

  @BeforeAll
  void serveVersionOne() {
    good = TelcoModel.train(SCOPE, 20, 4, 3);
    other = TelcoModel.train(SCOPE, 30, 4, 4);
    store().registerFamily(good.family());
    v1 = storeAndPromote(good.toVersion());
    rows = good.holdout().subList(0, 3);
    // A long poll interval: only the change feed and the reconcile on reconnect can move versions.
    scorer = startReadyScorer(Map.of("scopeml.scorer.poll-interval", "10m"));
    assertThat(servedVersion()).isEqualTo(v1.version());
  }

  @Test
  @Order(1)
  void anArtifactAlteredInTheDatabaseIsRefusedAndTheOldVersionKeepsServing() {
    // Stored versions are immutable: tampering inserts a copy whose artifact has a byte flipped.
    int tampered = StoredVersions.insertFlipped(dataSource(), store(), v1);
    store().promote(TelcoModel.MODEL, v1.scope(), tampered, "test", "tampered");

    assertThat(eventually(Duration.ofSeconds(10), () -> refusals("artifact") == 1))
        .as("refusal counted in scopeml_model_refused_total")
        .isTrue();
    assertThat(servedVersion()).isEqualTo(v1.version());
    assertThat(store().activeVersion(TelcoModel.MODEL, v1.scope()).orElseThrow().version())
        .as("the registry does say the tampered version is active")
        .isEqualTo(tampered);
  }

  @Test
  @Order(2)
  void aVersionThatDoesNotReproduceItsReferencePredictionsIsRefused() {
    // Another model's artifact stored with this model's reference sample: it decodes fine, but
    // answers the reference rows differently.
    ModelVersion mismatched = storeAndPromote(other.toVersion(good.reference()));

    assertThat(eventually(Duration.ofSeconds(10), () -> refusals("reference") == 1)).isTrue();
    assertThat(servedVersion()).isEqualTo(v1.version());
    assertThat(mismatched.version()).isGreaterThan(v1.version());
  }

  @Test
  @Order(3)
  void aGoodVersionAfterTheRefusedOnesIsServed() {
    ModelVersion fine = storeAndPromote(other.toVersion());
    assertThat(eventually(Duration.ofSeconds(5), () -> servedVersion() == fine.version())).isTrue();
  }

  @Test
  @Order(4)
  void aPromotionWhileTheListenerIsDisconnectedIsPickedUpByTheReconcile() throws SQLException {
    ModelResolver resolver = scorer.bean(ModelResolver.class);
    int pid = resolver.listenerBackendPid();
    assertThat(pid).isPositive();
    try (var connection = dataSource().getConnection();
        var kill = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
      kill.setInt(1, pid);
      kill.execute();
    }
    // Promote at once, before the listener can reconnect: its notification is lost.
    store().promote(TelcoModel.MODEL, v1.scope(), v1.version(), "test", "while disconnected");

    assertThat(eventually(Duration.ofSeconds(15), () -> servedVersion() == v1.version()))
        .as("served after the reconcile")
        .isTrue();
    assertThat(resolver.listenerBackendPid()).as("listener reconnected").isNotEqualTo(pid);
  }

  private int servedVersion() {
    var response =
        scorer.post(
            "/v1/models/churn/predict",
            RunningScorer.toJson(Map.of("scope", "contract=" + SCOPE, "instances", rows)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var versions = new ArrayList<Integer>();
    RunningScorer.json(response)
        .get("predictions")
        .forEach(p -> versions.add(p.get("version").asInt()));
    assertThat(versions).containsOnly(versions.get(0));
    return versions.get(0);
  }

  private double refusals(String reason) {
    String metrics = scorer.get("/actuator/prometheus").body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("scopeml_model_refused_total{"))
        .filter(line -> line.contains("reason=\"" + reason + "\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}

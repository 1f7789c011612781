package dev.scopeml.scorer.modelcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.TelcoModel;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Anyone who can log in to the database can NOTIFY on the change channel, the scorer's read-only
 * login included. A notification naming a version that is not active must not make the scorer serve
 * it: the scorer takes the active version from the registry, not from the payload.
 */
class ForgedNotificationTest extends ScorerTest {

  @Test
  void aNotificationNamingAnInactiveVersionChangesNothing() throws SQLException {
    TelcoModel first = TelcoModel.train("One year", 20, 4, 1);
    store().registerFamily(first.family());
    ModelVersion v1 = storeAndPromote(first.toVersion());
    ModelVersion v2 = store().saveVersion(TelcoModel.train("One year", 30, 4, 2).toVersion());
    List<Map<String, Object>> rows = first.holdout().subList(0, 2);
    // A long poll: only the change feed can move the served version during the test.
    RunningScorer scorer = startReadyScorer(Map.of("scopeml.scorer.poll-interval", "10m"));
    assertThat(served(scorer, rows)).isEqualTo(v1.version());

    try (var connection = Database.dedicatedConnection(settings());
        var notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, "scopeml_model_changes");
      notify.setString(
          2,
          "{\"model\":\"churn\",\"scope\":\"contract=One year\",\"version\":"
              + v2.version()
              + ",\"event\":999999}");
      notify.execute();
    }
    assertThat(eventually(Duration.ofSeconds(2), () -> served(scorer, rows) != v1.version()))
        .as("a forged notification switched the served version")
        .isFalse();

    store().promote(TelcoModel.MODEL, v2.scope(), v2.version(), "test", "real promotion");
    assertThat(eventually(Duration.ofSeconds(5), () -> served(scorer, rows) == v2.version()))
        .as("a real promotion is still served")
        .isTrue();
  }

  private static int served(RunningScorer scorer, List<Map<String, Object>> rows) {
    var response =
        scorer.post(
            "/v1/models/churn/predict",
            RunningScorer.toJson(Map.of("scope", "contract=One year", "instances", rows)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return RunningScorer.json(response).get("predictions").get(0).get("version").asInt();
  }
}

package dev.scopeml.scorer.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.TelcoModel;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness follows real conditions: a scorer whose database has no schema yet is live but not
 * ready, and becomes ready once the schema and its models appear; on shutdown it stops reporting
 * ready while it still answers; and its database sessions cannot write.
 */
class ReadinessTest extends ScorerTest {

  @Test
  void notReadyUntilTheSchemaExistsAndItsModelsAreLoaded() {
    String url = emptyDatabase();
    RunningScorer scorer = startScorer(Map.of("scopeml.db.url", url));

    assertThat(eventuallyStatus(scorer, "/livez", 200)).isTrue();
    assertThat(scorer.get("/readyz").statusCode()).isEqualTo(503);
    assertThat(scorer.get("/v2/health/ready").statusCode()).isEqualTo(400);
    assertThat(scorer.get("/actuator/health/readiness").statusCode()).isEqualTo(503);

    migrateAndServe(url, TelcoModel.train("One year", 10, 4, 11));
    scorer.awaitReady(Duration.ofSeconds(30));
    assertThat(scorer.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(eventuallyStatus(scorer, "/v2/models/churn/ready", 200)).isTrue();
  }

  @Test
  void onShutdownReadinessFlipsWhileRequestsAreStillAnswered() throws Exception {
    TelcoModel trained = TelcoModel.train("Two year", 10, 4, 12);
    if (store().family(TelcoModel.MODEL).isEmpty()) {
      store().registerFamily(trained.family());
    }
    storeAndPromote(trained.toVersion());
    RunningScorer scorer = startReadyScorer(Map.of("scopeml.scorer.shutdown-delay", "3s"));
    String body =
        RunningScorer.toJson(
            Map.of("scope", "contract=Two year", "instances", trained.holdout().subList(0, 1)));
    assertThat(scorer.post("/v1/models/churn/predict", body).statusCode()).isEqualTo(200);

    Thread closing = Thread.ofPlatform().start(scorer::close);
    assertThat(eventuallyStatus(scorer, "/readyz", 503)).as("not ready once closing").isTrue();
    assertThat(scorer.post("/v1/models/churn/predict", body).statusCode())
        .as("still answering during the shutdown delay")
        .isEqualTo(200);
    closing.join(30_000);
    assertThat(closing.isAlive()).isFalse();
  }

  @Test
  void theScorersDatabaseSessionsAreReadOnly() throws SQLException {
    RunningScorer scorer = startScorer(Map.of());
    HikariDataSource pool = scorer.bean(HikariDataSource.class);
    try (var connection = pool.getConnection();
        var insert = connection.createStatement()) {
      assertThatThrownBy(
              () ->
                  insert.executeUpdate("INSERT INTO model_scopes (model, scope) VALUES ('x', '*')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("read-only");
    }
  }

  private static boolean eventuallyStatus(RunningScorer scorer, String path, int status) {
    return eventually(Duration.ofSeconds(10), () -> scorer.get(path).statusCode() == status);
  }
}

package dev.scopeml.trainer.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.trainer.TrainerTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two trainers on one database share a run: both do work, every scope ends exactly once with one
 * version and at most one promotion, and each trainer reads the data set once however many of the
 * run's tasks it trains.
 */
class SharedRunTest extends TrainerTest {

  @Test
  void twoTrainersShareOneRunAndEveryScopeEndsOnce() throws SQLException {
    Trainer first = startTrainer(Map.of("scopeml.trainer.workers", 1));
    Trainer second = startTrainer(Map.of("scopeml.trainer.workers", 1));
    String firstPool = first.context().getBean(WorkerPool.class).name();
    String secondPool = second.context().getBean(WorkerPool.class).name();

    var submitted =
        first.call(
            "POST",
            "/v1/runs",
            Map.of(
                "model",
                "shared",
                "source",
                Map.of("csv", "mlc_churn.csv"),
                "label",
                "churn",
                "scopeBy",
                List.of("state"),
                "params",
                Map.of("trees", 20, "maxDepth", 3),
                "minRows",
                20,
                "global",
                true),
            TOKEN);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String run = submitted.json().get("run").asString();
    JsonNode view = awaitOn(second, run);

    assertThat(view.get("status").asString()).isEqualTo("succeeded");
    assertThat(view.get("total").asInt()).isEqualTo(52);
    var byPool = new HashMap<String, Integer>();
    for (JsonNode scope : view.get("scopes")) {
      assertThat(scope.get("attempts").asInt()).as("%s claimed once", scope).isEqualTo(1);
      String worker = scope.get("worker").asString();
      byPool.merge(worker.substring(0, worker.lastIndexOf('/')), 1, Integer::sum);
    }
    assertThat(byPool)
        .as("both trainers trained scopes of the run")
        .containsOnlyKeys(firstPool, secondPool);
    assertThat(byPool.values()).allSatisfy(count -> assertThat(count).isGreaterThan(1));

    try (var connection = dataSource().getConnection();
        var versions =
            connection.prepareStatement(
                "SELECT scope, count(*) FROM model_versions WHERE model = 'shared' GROUP BY scope");
        var events =
            connection.prepareStatement(
                "SELECT scope, count(*) FROM promotion_events WHERE model = 'shared' GROUP BY scope")) {
      int scopes = 0;
      try (var rows = versions.executeQuery()) {
        while (rows.next()) {
          scopes++;
          assertThat(rows.getInt(2)).as("versions of %s", rows.getString(1)).isEqualTo(1);
        }
      }
      assertThat(scopes).isEqualTo(view.get("succeeded").asInt());
      try (var rows = events.executeQuery()) {
        while (rows.next()) {
          assertThat(rows.getInt(2)).as("promotions of %s", rows.getString(1)).isEqualTo(1);
        }
      }
    }

    double secondLoads =
        second
            .context()
            .getBean(io.micrometer.core.instrument.MeterRegistry.class)
            .counter("scopeml.datasets.loaded", "source", "csv")
            .count();
    assertThat(secondLoads)
        .as("the second trainer parsed the CSV once for its %s tasks", byPool.get(secondPool))
        .isEqualTo(1.0);
  }

  private JsonNode awaitOn(Trainer trainer, String run) {
    long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
    while (true) {
      JsonNode view = trainer.call("GET", "/v1/runs/" + run, null, TOKEN).json();
      String status = view.get("status").asString();
      if (!status.equals("queued") && !status.equals("running")) {
        return view;
      }
      assertThat(System.nanoTime()).as("run still %s", status).isLessThan(deadline);
      sleep(Duration.ofMillis(200));
    }
  }
}

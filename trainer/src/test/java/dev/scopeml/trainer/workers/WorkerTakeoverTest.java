package dev.scopeml.trainer.workers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.trainer.TrainerTest;
import dev.scopeml.trainer.training.TaskPhase;
import dev.scopeml.trainer.training.TaskPhaseListener;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * A trainer dies in the middle of a task, after fitting or after storing the version but before
 * completing the task: its heartbeats stop, the lease expires, a second trainer takes the task over
 * and completes it, and the scope has exactly one version and one promotion.
 */
class WorkerTakeoverTest extends TrainerTest {

  private static final Map<String, Object> SHORT_LEASE =
      Map.of(
          "scopeml.trainer.workers", 1,
          "scopeml.trainer.lease", "2s",
          "scopeml.trainer.heartbeat", "500ms");

  @ParameterizedTest
  @EnumSource(names = {"FITTED", "STORED"})
  void aTaskLeftByACrashedTrainerIsCompletedByAnotherOnce(TaskPhase crashAt) throws SQLException {
    String model = "takeover-" + crashAt.name().toLowerCase(java.util.Locale.ROOT);
    var victim = new AtomicReference<ClaimedTask>();
    var crashing = new AtomicReference<WorkerPool>();
    TaskPhaseListener crash =
        (phase, task) -> {
          if (phase == crashAt && victim.compareAndSet(null, task)) {
            crashing.get().halt();
          }
        };
    Trainer first = startTrainer(SHORT_LEASE, crash);
    Trainer second = null;
    try {
      crashing.set(first.context().getBean(WorkerPool.class));

      var submitted =
          first.call(
              "POST",
              "/v1/runs",
              Map.of(
                  "model", model,
                  "source", Map.of("csv", "telco_churn.csv"),
                  "label", "churn",
                  "scopeBy", List.of("contract"),
                  "params", Map.of("trees", 20, "maxDepth", 3),
                  "promote", Map.of("policy", "always")),
              TOKEN);
      assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
      String run = submitted.json().get("run").asString();
      awaitCrash(victim);

      second = startTrainer(SHORT_LEASE);
      String secondPool = second.context().getBean(WorkerPool.class).name();
      JsonNode view = awaitRunOn(second, run);

      assertThat(view.get("status").asString()).isEqualTo("succeeded");
      assertThat(view.get("succeeded").asInt()).isEqualTo(3);
      String lostScope = victim.get().scope().toString();
      JsonNode taken = scopesOf(view).get(lostScope);
      assertThat(taken.get("attempts").asInt()).as("claimed again after the crash").isEqualTo(2);
      assertThat(taken.get("worker").asString()).startsWith(secondPool);
      assertThat(taken.get("version").asInt())
          .as("one version 1, stored by the crashed attempt or by the retry")
          .isEqualTo(1);
      assertThat(taken.get("promoted").asBoolean()).isTrue();

      try (var connection = dataSource().getConnection();
          var counts =
              connection.prepareStatement(
                  "SELECT (SELECT count(*) FROM model_versions WHERE model = ? AND scope = ?),"
                      + " (SELECT count(*) FROM promotion_events WHERE model = ? AND scope = ?),"
                      + " (SELECT count(*) FROM activations WHERE model = ? AND scope = ?"
                      + " AND active)")) {
        for (int i = 0; i < 3; i++) {
          counts.setString(2 * i + 1, model);
          counts.setString(2 * i + 2, lostScope);
        }
        try (var row = counts.executeQuery()) {
          row.next();
          assertThat(row.getInt(1)).as("versions").isEqualTo(1);
          assertThat(row.getInt(2)).as("promotions").isEqualTo(1);
          assertThat(row.getInt(3)).as("active versions").isEqualTo(1);
        }
      }
    } finally {
      // Each case starts its own pair: a survivor would take the next case's tasks.
      first.close();
      if (second != null) {
        second.close();
      }
    }
  }

  private static void awaitCrash(AtomicReference<ClaimedTask> victim) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (victim.get() == null) {
      assertThat(System.nanoTime()).as("the first trainer stored a version").isLessThan(deadline);
      sleep(Duration.ofMillis(100));
    }
  }

  private JsonNode awaitRunOn(Trainer trainer, String run) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
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

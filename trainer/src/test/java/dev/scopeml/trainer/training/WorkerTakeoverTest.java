package dev.scopeml.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.trainer.TrainerTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A trainer dies after storing a version but before completing its task: its heartbeats stop, the
 * lease expires, a second trainer takes the task over and completes it, and the scope still has
 * exactly one version and one promotion.
 */
class WorkerTakeoverTest extends TrainerTest {

  private static final Map<String, Object> SHORT_LEASE =
      Map.of(
          "scopeml.trainer.workers", 1,
          "scopeml.trainer.lease", "2s",
          "scopeml.trainer.heartbeat", "500ms");

  @Test
  void aTaskLeftByACrashedTrainerIsCompletedByAnotherOnce() throws SQLException {
    var victim = new AtomicReference<ClaimedTask>();
    var crashing = new AtomicReference<WorkerPool>();
    TaskPhaseListener crashAfterStore =
        (phase, task) -> {
          if (phase == TaskPhase.STORED && victim.compareAndSet(null, task)) {
            crashing.get().halt();
          }
        };
    Trainer first = startTrainer(SHORT_LEASE, crashAfterStore);
    crashing.set(first.context().getBean(WorkerPool.class));

    var submitted =
        first.call(
            "POST",
            "/v1/runs",
            Map.of(
                "model", "takeover",
                "source", Map.of("csv", "telco_churn.csv"),
                "label", "churn",
                "scopeBy", List.of("contract"),
                "params", Map.of("trees", 20, "maxDepth", 3),
                "promote", Map.of("policy", "always")),
            TOKEN);
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String run = submitted.json().get("run").asString();
    awaitCrash(victim);

    Trainer second = startTrainer(SHORT_LEASE);
    String secondPool = second.context().getBean(WorkerPool.class).name();
    JsonNode view = awaitRunOn(second, run);

    assertThat(view.get("status").asString()).isEqualTo("succeeded");
    assertThat(view.get("succeeded").asInt()).isEqualTo(3);
    String lostScope = victim.get().scope().toString();
    JsonNode taken = scopesOf(view).get(lostScope);
    assertThat(taken.get("attempts").asInt()).as("claimed again after the crash").isEqualTo(2);
    assertThat(taken.get("worker").asString()).startsWith(secondPool);
    assertThat(taken.get("version").asInt())
        .as("the retry found the version the crashed attempt stored")
        .isEqualTo(1);
    assertThat(taken.get("promoted").asBoolean()).isTrue();

    try (var connection = dataSource().getConnection();
        var counts =
            connection.prepareStatement(
                "SELECT (SELECT count(*) FROM model_versions WHERE model = 'takeover' AND scope = ?),"
                    + " (SELECT count(*) FROM promotion_events WHERE model = 'takeover' AND scope = ?),"
                    + " (SELECT count(*) FROM activations WHERE model = 'takeover' AND scope = ?"
                    + " AND active)")) {
      counts.setString(1, lostScope);
      counts.setString(2, lostScope);
      counts.setString(3, lostScope);
      try (var row = counts.executeQuery()) {
        row.next();
        assertThat(row.getInt(1)).as("versions").isEqualTo(1);
        assertThat(row.getInt(2)).as("promotions").isEqualTo(1);
        assertThat(row.getInt(3)).as("active versions").isEqualTo(1);
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

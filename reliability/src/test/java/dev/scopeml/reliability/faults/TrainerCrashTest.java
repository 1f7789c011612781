package dev.scopeml.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.testsupport.services.ServiceProcess;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two trainer processes share a run on one database; one is killed with SIGKILL while it trains.
 * Its tasks are taken over by the other once their short leases expire: the run completes, no scope
 * is lost, and the promotion log shows no scope promoted twice.
 */
class TrainerCrashTest extends ReliabilityTest {

  private static final Map<String, String> SHORT_LEASE =
      Map.of(
          "scopeml.trainer.workers", "2",
          "scopeml.trainer.lease", "3s",
          "scopeml.trainer.heartbeat", "500ms",
          "scopeml.trainer.poll-interval", "200ms");

  private ServiceProcess survivor;
  private ServiceProcess victim;

  @BeforeAll
  void startTwoTrainers() {
    survivor = startTrainer("trainer-survivor", database(), SHORT_LEASE);
    victim = startTrainer("trainer-victim", database(), SHORT_LEASE);
    survivor.awaitOk("/actuator/health", Duration.ofMinutes(2));
    victim.awaitOk("/actuator/health", Duration.ofMinutes(2));
  }

  @Test
  void aTrainerKilledMidTaskLosesNoScopeAndPromotesNothingTwice() throws SQLException {
    Http.Reply submitted =
        admin(
            survivor,
            "POST",
            "/v1/runs",
            Map.of(
                "model", "crash",
                "source", Map.of("csv", "mlc_churn.csv"),
                "label", "churn",
                "scopeBy", List.of("state"),
                "params", Map.of("trees", 20, "maxDepth", 3),
                "minRows", 20,
                "promote", Map.of("policy", "always")));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String run = submitted.json().path("run").asString();

    // Mid-task: the victim holds running tasks, and has already finished some (it is warm).
    String owner = "%-" + victim.pid() + "-%";
    Eventually.until(
        Duration.ofMinutes(2),
        Duration.ofMillis(20),
        () ->
            count(
                        "SELECT count(*) FROM training_tasks WHERE status = 'running'"
                            + " AND lease_owner LIKE ?",
                        owner)
                    > 0
                && count(
                        "SELECT count(*) FROM training_tasks WHERE status = 'succeeded'"
                            + " AND lease_owner LIKE ?",
                        owner)
                    > 0,
        () -> "the victim to be training");
    victim.kill();
    long killed = System.nanoTime();
    List<Long> orphaned = taskIds(owner);
    assertThat(orphaned).as("tasks running on the victim when it died").isNotEmpty();
    assertThat(victim.exitCode()).as("killed by SIGKILL").isEqualTo(137);

    JsonNode view = awaitRun(survivor, run, Duration.ofMinutes(4));
    double recovery = (System.nanoTime() - killed) / 1e9;

    assertThat(view.path("status").asString()).as("%s", view).isEqualTo("succeeded");
    int total = view.path("total").asInt();
    long lost =
        count(
            "SELECT count(*) FROM training_tasks WHERE run_id = ?::uuid"
                + " AND status NOT IN ('succeeded', 'skipped')",
            run);
    long activeScopes = count("SELECT count(*) FROM activations WHERE model = 'crash' AND active");
    long promotedTwice =
        count(
            "SELECT count(*) FROM (SELECT scope FROM promotion_events WHERE model = 'crash'"
                + " GROUP BY scope HAVING count(*) > 1) twice");
    long versionedTwice =
        count(
            "SELECT count(*) FROM (SELECT scope FROM model_versions WHERE model = 'crash'"
                + " GROUP BY scope HAVING count(*) > 1) twice");
    long takenOver =
        count(
            "SELECT count(*) FROM training_tasks WHERE id = ANY(?) AND status = 'succeeded'"
                + " AND attempts >= 2 AND lease_owner NOT LIKE ?",
            orphaned.toArray(Long[]::new),
            owner);
    assertThat(lost).as("scopes lost").isZero();
    assertThat(activeScopes)
        .as("every succeeded scope has its active version")
        .isEqualTo(view.path("succeeded").asLong());
    assertThat(promotedTwice).as("scopes with two promotions").isZero();
    assertThat(versionedTwice).as("scopes with two versions").isZero();
    assertThat(takenOver)
        .as("the victim's running tasks were finished by the survivor")
        .isEqualTo(orphaned.size());

    CaseReport.record(
        "faults",
        "two trainers share a run, one SIGKILLed mid-task",
        total,
        lost + promotedTwice,
        String.format(
            "%d scopes lost, %d promoted twice; the victim's running tasks (%d) taken over after"
                + " the 3 s lease; run ended %.1f s after the kill",
            lost, promotedTwice, takenOver, recovery),
        getClass().getSimpleName());
  }

  private List<Long> taskIds(String owner) throws SQLException {
    var ids = new ArrayList<Long>();
    try (var connection = dataSource().getConnection();
        var query =
            connection.prepareStatement(
                "SELECT id FROM training_tasks WHERE status = 'running' AND lease_owner LIKE ?")) {
      query.setString(1, owner);
      try (var rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }
}

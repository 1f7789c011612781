package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.queue.JdbcScoringQueue;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.testsupport.models.TelcoModel;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A promotion in the middle of a job does not change its answers: every output row carries the
 * version that was active when the job was submitted, also in the chunks scored after the
 * promotion.
 */
class PinnedVersionsTest extends ScoringTest {

  @Test
  void aPromotionMidJobLeavesEveryRowOnThePinnedVersion() throws InterruptedException {
    storeTelcoModels(true);
    var gate = new ChunkGate();
    Trainer trainer = startTrainer(Map.of("scopeml.trainer.workers", 1), gate);
    String job =
        submitJob(
            trainer,
            Map.of(
                "model",
                TelcoModel.MODEL,
                "input",
                Map.of("csv", "telco_churn.csv"),
                "output",
                Map.of("folder", "out/pinned"),
                "chunkRows",
                1000));
    gate.awaitReached();

    int promoted = TelcoModel.train("Month-to-month", 40, 4, 7).storeAndPromote(store());
    var queue = new JdbcScoringQueue(dataSource());
    long pending = queue.job(UUID.fromString(job)).orElseThrow().count(TaskStatus.PENDING);
    gate.open();
    JsonNode view = awaitJob(trainer, job, Duration.ofMinutes(2));

    assertThat(promoted).as("a new active version mid-job").isEqualTo(2);
    assertThat(pending).as("chunks still to score after the promotion").isEqualTo(7);
    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("succeeded");
    assertThat(view.get("versions").get("contract=Month-to-month").asInt()).isEqualTo(1);
    List<Map<String, String>> rows = readCsvParts(dataDir().resolve("out/pinned"));
    assertThat(rows).hasSize(7043);
    assertThat(rows)
        .filteredOn(row -> row.get("scope").equals("contract=Month-to-month"))
        .as("rows of the promoted scope")
        .hasSize(3875)
        .allSatisfy(row -> assertThat(row.get("version")).isEqualTo("1"));
  }
}

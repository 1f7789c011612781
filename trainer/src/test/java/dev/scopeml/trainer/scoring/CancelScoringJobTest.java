package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.models.TelcoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A job cancelled while its first chunk commits: it ends cancelled, the chunks not yet scored never
 * run, and its output folder carries no {@code _SUCCESS} and is renamed as partial, with a {@code
 * _PARTIAL} file saying why and the committed part inside.
 */
class CancelScoringJobTest extends ScoringTest {

  @Test
  void aJobCancelledMidWayLeavesAPartialOutputWithoutSuccess()
      throws InterruptedException, IOException {
    storeTelcoModels(false);
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
                Map.of("folder", "out/cancelled"),
                "chunkRows",
                1000));
    gate.awaitReached();
    Response cancel = trainer.call("POST", "/v1/scoring-jobs/" + job + "/cancel", null, TOKEN);
    gate.open();
    JsonNode view = awaitJob(trainer, job, Duration.ofMinutes(2));

    assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("cancelled");
    assertThat(view.get("partial").asBoolean()).isTrue();
    assertThat(view.get("chunks").get("succeeded").asInt()).as("the chunk in flight").isEqualTo(1);
    assertThat(view.get("chunks").get("cancelled").asInt()).isEqualTo(7);
    assertThat(view.get("location").asString()).isEqualTo("out/cancelled.partial");
    Path partial = dataDir().resolve("out/cancelled.partial");
    assertThat(dataDir().resolve("out/cancelled"))
        .as("no folder under the job's name")
        .doesNotExist();
    assertThat(partial.resolve("_SUCCESS")).doesNotExist();
    assertThat(partial.resolve("part-00000.csv")).exists();
    assertThat(partial.resolve("part-00001.csv")).doesNotExist();
    assertThat(Files.readString(partial.resolve("_PARTIAL")))
        .contains("\"status\":\"cancelled\"")
        .contains("\"chunksCommitted\":1");
    assertThat(readCsvParts(partial)).hasSize(999);
  }
}

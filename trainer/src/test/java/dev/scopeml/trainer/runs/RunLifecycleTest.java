package dev.scopeml.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.trainer.TrainerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A run's life on an API-only trainer (no workers): an uploaded CSV as its source, queued tasks,
 * cancel, and no work done afterwards even when a trainer with workers joins.
 */
class RunLifecycleTest extends TrainerTest {

  @Override
  protected Map<String, Object> trainerProperties() {
    return Map.of("scopeml.trainer.workers", 0);
  }

  @Test
  void anUploadedRunIsQueuedThenCancelledAndNeverTrained() throws IOException, SQLException {
    byte[] csv = Files.readAllBytes(dataDir().resolve("telco_churn.csv"));
    var uploaded = post("/v1/uploads", csv);
    assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
    String path = uploaded.json().get("csv").asString();
    assertThat(path).matches("uploads/[0-9a-f]{64}\\.csv");
    assertThat(uploaded.json().get("rows").asInt()).isEqualTo(7043);
    assertThat(dataDir().resolve(path)).hasBinaryContent(csv);

    String run =
        submit(
            Map.of(
                "model", "uploaded",
                "source", Map.of("csv", path),
                "label", "churn",
                "scopeBy", List.of("contract"),
                "types", Map.of("senior_citizen", "categorical")));
    JsonNode queued = get("/v1/runs/" + run).json();
    assertThat(queued.get("status").asString()).isEqualTo("queued");
    assertThat(queued.get("scopes").valueStream().map(s -> s.get("status").asString()))
        .containsOnly("pending");
    assertThat(queued.get("spec").get("kinds").get("senior_citizen").asString())
        .as("the override beats the inferred numeric kind")
        .isEqualTo("CATEGORICAL");
    assertThat(queued.get("spec").get("kinds").get("tenure").asString()).isEqualTo("NUMERIC");
    assertThat(queued.get("spec").get("kinds").get("payment_method").asString())
        .isEqualTo("CATEGORICAL");

    var cancelled = post("/v1/runs/" + run + "/cancel", null);
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
    assertThat(cancelled.json().get("cancelled").asInt()).isEqualTo(3);

    startTrainer(Map.of("scopeml.trainer.workers", 2));
    sleep(Duration.ofSeconds(1));
    JsonNode after = get("/v1/runs/" + run).json();
    assertThat(after.get("status").asString()).isEqualTo("cancelled");
    try (var connection = dataSource().getConnection();
        var versions = connection.prepareStatement("SELECT count(*) FROM model_versions");
        var rows = versions.executeQuery()) {
      rows.next();
      assertThat(rows.getInt(1)).as("a cancelled run trains nothing").isZero();
    }

    JsonNode listed = get("/v1/runs").json();
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("run").asString()).isEqualTo(run);
    assertThat(listed.get(0).has("scopes")).as("the list leaves scopes out").isFalse();
  }
}

package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.models.TelcoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every malformed or inconsistent scoring job request is refused with a 4xx JSON error naming the
 * field at fault, and nothing is stored: no job, no output.
 */
class BadScoringJobRequestTest extends ScoringTest {

  @BeforeAll
  void prepare() throws IOException {
    storeTelcoModels(false);
    Files.createDirectories(dataDir().resolve("out/taken"));
    Files.writeString(dataDir().resolve("ids.csv"), "contract,id\nOne year,1\n");
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("model missing", Map.of(), 400, "model"),
        bad("unknown model", Map.of("model", "nope"), 404, "model"),
        bad("spark is not available here", Map.of("engine", "spark"), 400, "engine"),
        bad("no input", Map.of("input", Map.of()), 400, "input"),
        bad(
            "two inputs",
            Map.of("input", Map.of("csv", "telco_churn.csv", "parquet", "x.parquet")),
            400,
            "input"),
        bad(
            "outside the data directory",
            Map.of("input", Map.of("csv", "../x.csv")),
            400,
            "input.csv"),
        bad("missing file", Map.of("input", Map.of("csv", "none.csv")), 400, "input.csv"),
        bad("no output", Map.of("output", Map.of()), 400, "output"),
        bad(
            "CSV compressed",
            Map.of("output", Map.of("folder", "out/a", "compression", "zstd")),
            400,
            "output.compression"),
        bad(
            "unknown codec",
            Map.of("output", Map.of("folder", "out/a", "format", "parquet", "compression", "lz9")),
            400,
            "output.compression"),
        bad(
            "unknown format",
            Map.of("output", Map.of("folder", "out/a", "format", "orc")),
            400,
            "output.format"),
        bad("output exists", Map.of("output", Map.of("folder", "out/taken")), 409, "output.folder"),
        bad(
            "table name",
            Map.of("output", Map.of("jdbc", Map.of("source", "w", "table", "a;drop"))),
            400,
            "output.jdbc.table"),
        bad(
            "unknown output source",
            Map.of("output", Map.of("jdbc", Map.of("source", "w", "table", "preds"))),
            400,
            "output.jdbc.source"),
        bad("carry unknown", Map.of("carry", List.of("customer")), 400, "carry"),
        bad("carry clashes", Map.of("carry", List.of("contract", "contract")), 400, "carry"),
        bad(
            "version unknown",
            Map.of("versions", Map.of("contract=One year", 9)),
            400,
            "versions.contract=One year"),
        bad("scope malformed", Map.of("versions", Map.of("One year", 1)), 400, "versions.One year"),
        bad("maxErrors fractional count", Map.of("maxErrors", 1.5), 400, "maxErrors"),
        bad("maxErrors negative", Map.of("maxErrors", -1), 400, "maxErrors"),
        bad("chunk too small", Map.of("chunkRows", 10), 400, "chunkRows"),
        bad("features missing", Map.of("input", Map.of("csv", "ids.csv")), 400, "input"),
        bad("unknown field", Map.of("colour", "red"), 400, null));
  }

  private static Arguments bad(String name, Map<String, Object> change, int status, String field) {
    return Arguments.of(name, change, status, field);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void isRefusedNamingTheField(String name, Map<String, Object> change, int status, String field) {
    var request = new HashMap<String, Object>();
    request.put("model", TelcoModel.MODEL);
    request.put("input", Map.of("csv", "telco_churn.csv"));
    request.put("output", Map.of("folder", "out/refused"));
    request.putAll(change);
    if (name.equals("model missing")) {
      request.remove("model");
    }
    Response response = post("/v1/scoring-jobs", request);

    assertThat(response.status()).as("%s: %s", name, response.body()).isEqualTo(status);
    JsonNode error = response.json();
    assertThat(error.get("error").asString()).as(name).isNotBlank();
    assertThat(error.get("status").asInt()).isEqualTo(status);
    if (field != null) {
      assertThat(error.path("field").asString()).as("%s: %s", name, error).isEqualTo(field);
    }
    assertThat(dataDir().resolve("out/refused")).as("no output for a refused job").doesNotExist();
    assertThat(dataDir().resolve("out/a")).doesNotExist();
  }

  @Test
  void aRefusedRequestStoresNoJob() {
    post("/v1/scoring-jobs", Map.of("model", TelcoModel.MODEL, "engine", "spark"));
    post("/v1/scoring-jobs", "{not json");

    assertThat(get("/v1/scoring-jobs").json()).as("jobs listed").isEmpty();
    assertThat(post("/v1/scoring-jobs", "{not json").status()).isEqualTo(400);
    assertThat(get("/v1/scoring-jobs/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
  }
}

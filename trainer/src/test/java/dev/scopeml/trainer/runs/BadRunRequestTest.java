package dev.scopeml.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.trainer.TrainerTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad request gets a 4xx whose JSON error names the problem, and leaves every stored row as
 * it was: the database is fingerprinted before and after each request.
 */
class BadRunRequestTest extends TrainerTest {

  private static final List<String> TABLES =
      List.of(
          "model_families",
          "model_scopes",
          "model_versions",
          "activations",
          "promotion_events",
          "training_runs",
          "training_tasks");

  @Override
  protected Map<String, Object> trainerProperties() {
    return Map.of(
        "scopeml.upload.max-size",
        "64KB",
        "scopeml.sources.warehouse.url",
        settings().url(),
        "scopeml.sources.warehouse.user",
        settings().user(),
        "scopeml.sources.warehouse.password",
        settings().password());
  }

  @BeforeAll
  void storeAModelAndPrepareFiles() throws IOException {
    Files.writeString(dataDir().resolve("empty.csv"), "");
    Files.writeString(dataDir().resolve("header-only.csv"), "churn,tenure,contract\n");
    Files.writeString(dataDir().resolve("broken.csv"), "churn,tenure\nYes,\"12\n");
    Path outside = Files.createTempFile("scopeml-outside", ".csv");
    Files.writeString(outside, "churn,tenure\nYes,1\nNo,2\n");
    Files.createSymbolicLink(dataDir().resolve("escape.csv"), outside);
    String run =
        submit(
            run(
                Map.of(
                    "scopes", List.of(Map.of("contract", "One year")),
                    "params", Map.of("trees", 10))));
    assertThat(awaitRun(run, Duration.ofMinutes(2)).get("status").asString())
        .isEqualTo("succeeded");
  }

  static Stream<Arguments> badRuns() {
    return Stream.of(
        bad(
            "unknown feature column",
            Map.of("features", List.of("tenure", "shoe_size")),
            "shoe_size"),
        bad("unknown scope column", Map.of("scopeBy", List.of("planet")), "planet"),
        bad(
            "unknown algorithm",
            Map.of("algorithm", "deep-magic"),
            "unknown algorithm 'deep-magic'"),
        bad("parameter out of range", Map.of("params", Map.of("trees", -5)), "trees"),
        bad("unknown parameter", Map.of("params", Map.of("treez", 5)), "treez"),
        bad("parameter of the wrong type", Map.of("params", Map.of("eta", "fast")), "eta"),
        bad("missing label column", Map.of("label", "churned"), "label column 'churned'"),
        bad("no label", Map.of("label", ""), "'label' is required"),
        bad("empty file", Map.of("source", Map.of("csv", "empty.csv")), "empty"),
        bad("header only", Map.of("source", Map.of("csv", "header-only.csv")), "no data rows"),
        bad("malformed CSV", Map.of("source", Map.of("csv", "broken.csv")), "quote"),
        bad("missing file", Map.of("source", Map.of("csv", "nope.csv")), "does not exist"),
        bad(
            "non-numeric value in a declared numeric column",
            Map.of("types", Map.of("payment_method", "numeric")),
            "payment_method"),
        bad("unknown type", Map.of("types", Map.of("tenure", "integer")), "numeric or categorical"),
        bad(
            "missing parquet",
            Map.of("source", Map.of("parquet", "nope.parquet")),
            "does not exist"),
        bad(
            "parquet that is not one",
            Map.of("source", Map.of("parquet", "telco_churn.csv")),
            "cannot be read"),
        bad(
            "parquet outside the data directory",
            Map.of("source", Map.of("parquet", "../x.parquet")),
            "outside"),
        bad("path traversal", Map.of("source", Map.of("csv", "../../etc/passwd")), "outside"),
        bad("absolute path", Map.of("source", Map.of("csv", "/etc/passwd")), "outside"),
        bad(
            "traversal through uploads",
            Map.of("source", Map.of("csv", "uploads/../../x.csv")),
            "outside"),
        bad(
            "symbolic link out of the data directory",
            Map.of("source", Map.of("csv", "escape.csv")),
            "outside"),
        bad(
            "two sources",
            Map.of(
                "source",
                Map.of(
                    "csv", "telco_churn.csv", "jdbc", Map.of("source", "warehouse", "table", "x"))),
            "exactly one"),
        bad(
            "unknown jdbc source",
            Map.of("source", Map.of("jdbc", Map.of("source", "lake", "table", "customers"))),
            "unknown jdbc source 'lake'"),
        bad(
            "SQL in a jdbc table name",
            Map.of(
                "source",
                Map.of(
                    "jdbc",
                    Map.of(
                        "source",
                        "warehouse",
                        "table",
                        "model_families; DROP TABLE model_versions"))),
            "does not exist"),
        bad(
            "unknown jdbc query",
            Map.of("source", Map.of("jdbc", Map.of("source", "warehouse", "query", "SELECT 1"))),
            "unknown query"),
        bad(
            "SQL in a scope column",
            Map.of("scopeBy", List.of("contract\" OR 1=1 --")),
            "is not a column"),
        bad(
            "SQL in a scope value",
            Map.of("scopes", List.of(Map.of("contract", "x' OR '1'='1"))),
            "no data rows in the scopes [contract=x' OR '1'%3D'1]"),
        bad(
            "scope with the wrong columns",
            Map.of("scopes", List.of(Map.of("gender", "x"))),
            "exactly the scopeBy columns"),
        bad("invalid model name", Map.of("model", "../churn"), "model name"),
        bad("holdout out of range", Map.of("holdout", 0.99), "holdout"),
        bad("minRows too small", Map.of("minRows", 1), "minRows"),
        bad(
            "label used as scope",
            Map.of("scopeBy", List.of("churn")),
            "cannot also be a scope column"),
        bad(
            "label used as feature",
            Map.of("features", List.of("churn", "tenure")),
            "cannot also be a feature"),
        bad(
            "unknown promotion policy",
            Map.of("promote", Map.of("policy", "sometimes")),
            "sometimes"),
        bad(
            "unknown promotion metric",
            Map.of("promote", Map.of("policy", "if-better", "metric", "vibes")),
            "vibes"),
        bad("maxLevels below two", Map.of("maxLevels", 1), "maxLevels"),
        bad(
            "a missing-value token with spaces",
            Map.of("missingValues", List.of(" ? ")),
            "missingValues"),
        bad("unknown engine", Map.of("engine", "dask"), "engine 'dask' is not available here"),
        bad(
            "the Spark engine on a trainer without Spark",
            Map.of("engine", "spark"),
            "engines: [trainer]"),
        bad("unknown request field", Map.of("algoritm", "xgboost"), "algoritm"),
        bad("wrong JSON type", Map.of("scopeBy", "contract"), "JSON"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRuns")
  void aBadRunIsRefusedAndChangesNothing(String what, Map<String, Object> run, String mentions)
      throws SQLException {
    assertRefused(post("/v1/runs", run), 400, mentions);
  }

  static Stream<Arguments> badCalls() {
    return Stream.of(
        Arguments.of("malformed JSON", "POST", "/v1/runs", "{\"model\": ", 400, "JSON"),
        Arguments.of("empty body", "POST", "/v1/runs", "", 400, "body"),
        Arguments.of("run id not a UUID", "GET", "/v1/runs/42", null, 400, "run"),
        Arguments.of(
            "unknown run",
            "GET",
            "/v1/runs/8d7f0f5c-54a4-4c52-8a6e-2d4e0a1d6b6e",
            null,
            404,
            "no run"),
        Arguments.of(
            "cancel unknown run",
            "POST",
            "/v1/runs/8d7f0f5c-54a4-4c52-8a6e-2d4e0a1d6b6e/cancel",
            null,
            404,
            "no run"),
        Arguments.of("unknown model", "GET", "/v1/models/nope", null, 404, "no model 'nope'"),
        Arguments.of(
            "promote unknown version",
            "POST",
            "/v1/models/churn/promote",
            Map.of("scope", "contract=One year", "version", 99),
            404,
            "no version 99"),
        Arguments.of(
            "promote without version",
            "POST",
            "/v1/models/churn/promote",
            Map.of("scope", "contract=One year"),
            400,
            "version"),
        Arguments.of(
            "promote a malformed scope",
            "POST",
            "/v1/models/churn/promote",
            Map.of("scope", "contract", "version", 1),
            400,
            "column=value"),
        Arguments.of(
            "rollback with no older version",
            "POST",
            "/v1/models/churn/rollback",
            Map.of("scope", "contract=One year"),
            409,
            "contract=One year"),
        Arguments.of(
            "rollback unknown scope",
            "POST",
            "/v1/models/churn/rollback",
            Map.of("scope", "contract=Ten year"),
            404,
            "Ten year"),
        Arguments.of("empty upload", "POST", "/v1/uploads", new byte[0], 400, "empty"),
        Arguments.of(
            "upload of non-CSV",
            "POST",
            "/v1/uploads",
            "a,b\n\"x\n".getBytes(),
            400,
            "not valid CSV"),
        Arguments.of("oversized upload", "POST", "/v1/uploads", new byte[70 * 1024], 413, "limit"),
        Arguments.of("unknown endpoint", "GET", "/v1/nothing", null, 404, "no such endpoint"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCalls")
  void aBadCallIsRefusedAndChangesNothing(
      String what, String method, String path, Object body, int status, String mentions)
      throws SQLException {
    assertRefused(call(method, path, body), status, mentions);
  }

  private void assertRefused(Response response, int status, String mentions) throws SQLException {
    Map<String, String> before = fingerprint();
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    var error = response.json();
    assertThat(error.get("error").asString()).as(response.body()).contains(mentions);
    assertThat(error.get("status").asInt()).isEqualTo(status);
    assertThat(fingerprint()).as("nothing stored changed").isEqualTo(before);
    assertThat(uploads()).as("no upload was kept").isEmpty();
  }

  private List<Path> uploads() {
    Path uploads = dataDir().resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (var files = Files.list(uploads)) {
      return files.toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A digest of every row of every ScopeML table. */
  private Map<String, String> fingerprint() throws SQLException {
    var digests = new LinkedHashMap<String, String>();
    try (var connection = dataSource().getConnection()) {
      for (String table : TABLES) {
        try (var query =
                connection.prepareStatement(
                    "SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                        + " FROM "
                        + table
                        + " t");
            var row = query.executeQuery()) {
          row.next();
          digests.put(table, row.getString(1));
        }
      }
    }
    return digests;
  }

  private static Map<String, Object> run(Map<String, Object> changes) {
    var run = new HashMap<String, Object>();
    run.put("model", "churn");
    run.put("source", Map.of("csv", "telco_churn.csv"));
    run.put("label", "churn");
    run.put("scopeBy", List.of("contract"));
    run.put("params", Map.of("trees", 10));
    run.putAll(changes);
    return run;
  }

  private static Arguments bad(String what, Map<String, Object> changes, String mentions) {
    return Arguments.of(what, run(changes), mentions);
  }
}

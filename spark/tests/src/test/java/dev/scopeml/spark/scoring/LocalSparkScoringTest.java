package dev.scopeml.spark.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.spark.SparkTrainer;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The same scoring job run by the trainer's workers and by the Spark application on {@code
 * local[2]}, from a CSV and from a Parquet input: the Spark output (Parquet partitioned by scope)
 * holds the trainer's rows, row for row and value for value, and its rejects the trainer's rejects
 * with the same reasons. Refusals name what the Spark engine cannot do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSparkScoringTest {

  private static final Path WORK = Path.of("target", "local-spark-scoring");
  private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
  private static final String MAX_SCOPE_ROWS = "3000";

  private SparkTrainer trainer;
  private Path data;

  @BeforeAll
  void trainTelcoByContract() throws SQLException {
    DatabaseSettings db = TestPostgres.freshDatabase("spark_scoring");
    // Month-to-month (3,875 rows) is over the bound the Spark engine trains.
    trainer =
        SparkTrainer.start(
            "local[2]", db, WORK, Map.of("scopeml.spark.max-scope-rows", MAX_SCOPE_ROWS));
    data = WORK.resolve("data").toAbsolutePath();
    var run = telcoByContract("telco", 20, 3);
    run.put("promote", Map.of("policy", "always"));
    JsonNode trained = trainer.awaitRun(trainer.submit(run), Duration.ofMinutes(3));
    assertThat(trained.path("status").asString()).as("run %s", trained).isEqualTo("succeeded");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      duck.createStatement()
          .execute(
              "COPY (SELECT * FROM read_csv('%s')) TO '%s' (FORMAT parquet)"
                  .formatted(data.resolve("telco_churn.csv"), data.resolve("telco.parquet")));
    }
  }

  @AfterAll
  void stopTrainer() {
    if (trainer != null) {
      trainer.close();
    }
  }

  @Test
  void aCsvJobOnSparkEqualsTheTrainerEngineRowForRow() throws SQLException {
    // Month-to-month has no pinned version and there is no global one: its rows are rejected.
    var job = new HashMap<String, Object>();
    job.put("input", Map.of("csv", "telco_churn.csv"));
    job.put("versions", Map.of("contract=One year", 1, "contract=Two year", 1));
    job.put("carry", List.of("tenure", "payment_method"));
    job.put("maxErrors", 0.9);
    assertSameOutput("csv", job);
  }

  @Test
  void aParquetJobOnSparkEqualsTheTrainerEngineRowForRow() throws SQLException {
    var job = new HashMap<String, Object>();
    job.put("input", Map.of("parquet", "telco.parquet"));
    job.put("carry", List.of("tenure"));
    assertSameOutput("parquet", job);
  }

  @Test
  void aScopeOverTheRowBoundIsRefusedOnSparkWithItsReason() {
    var run = telcoByContract("telco_bounded", 5, 2);
    run.put("engine", "spark");
    JsonNode ended = trainer.awaitRun(trainer.submit(run), Duration.ofMinutes(3));

    var statuses = new HashMap<String, String>();
    ended
        .path("scopes")
        .forEach(s -> statuses.put(s.path("scope").asString(), s.path("status").asString()));
    assertThat(statuses)
        .as("run %s", ended)
        .containsEntry("contract=Month-to-month", "failed")
        .containsEntry("contract=One year", "succeeded")
        .containsEntry("contract=Two year", "succeeded");
    ended
        .path("scopes")
        .forEach(
            scope -> {
              if (scope.path("scope").asString().equals("contract=Month-to-month")) {
                assertThat(scope.toString()).contains("more than the " + MAX_SCOPE_ROWS + " rows");
              }
            });
  }

  @Test
  void whatTheSparkEngineCannotDoIsRefused() {
    var csvOut = request("refused", Map.of("input", Map.of("csv", "telco_churn.csv")));
    csvOut.put("output", Map.of("folder", "out/refused", "format", "csv"));
    assertThat(refused(csvOut).path("field").asString()).isEqualTo("output.format");

    var jdbcIn =
        request(
            "refused",
            Map.of("input", Map.of("jdbc", Map.of("source", "warehouse", "table", "customers"))));
    assertThat(refused(jdbcIn).path("field").asString()).isEqualTo("input.jdbc");
    assertThat(data.resolve("out/refused")).as("no output for a refused job").doesNotExist();
  }

  private JsonNode refused(Map<String, Object> request) {
    request.put("engine", "spark");
    return trainer.send(
        "POST", "/v1/scoring-jobs", SparkTrainer.JSON.writeValueAsString(request), 400);
  }

  private void assertSameOutput(String name, Map<String, Object> job) throws SQLException {
    JsonNode onTrainer =
        trainer.awaitJob(submit(request(name + "-trainer", job), "trainer"), JOB_TIMEOUT);
    JsonNode onSpark =
        trainer.awaitJob(submit(request(name + "-spark", job), "spark"), JOB_TIMEOUT);

    assertThat(onSpark.path("engine").asString()).isEqualTo("spark");
    assertThat(onSpark.path("status").asString())
        .as("Spark job %s", onSpark)
        .isEqualTo("succeeded");
    assertThat(onTrainer.path("status").asString())
        .as("trainer job %s", onTrainer)
        .isEqualTo("succeeded");
    for (String count : List.of("rows", "scored", "rejected")) {
      assertThat(onSpark.path(count).asLong())
          .as("%s of the Spark job", count)
          .isEqualTo(onTrainer.path(count).asLong());
    }
    Path spark = data.resolve("out/" + name + "-spark");
    Path trained = data.resolve("out/" + name + "-trainer");
    assertThat(spark.resolve("_SUCCESS")).as("the commit chunk's marker").exists();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      List<List<Object>> expected =
          rows(duck, "read_parquet('%s/part-*.parquet')".formatted(trained), OUTPUT);
      List<List<Object>> actual =
          rows(
              duck,
              "read_parquet('%s/scope=*/*.parquet', hive_partitioning = true)".formatted(spark),
              OUTPUT);
      assertThat(expected).as("rows of the trainer's output").isNotEmpty();
      assertThat(actual).as("the Spark output, row for row").isEqualTo(expected);
      if (onTrainer.path("rejected").asLong() > 0) {
        assertThat(rows(duck, "read_parquet('%s/_rejects/*.parquet')".formatted(spark), REJECTS))
            .as("the Spark rejects, row for row")
            .isEqualTo(
                rows(duck, "read_parquet('%s/_rejects/*.parquet')".formatted(trained), REJECTS));
      }
    }
  }

  private static final String OUTPUT = "* EXCLUDE (scope), scope";
  private static final String REJECTS = "*";

  /** Every row of {@code source}, in input order, its columns sorted by name. */
  private static List<List<Object>> rows(Connection duck, String source, String select)
      throws SQLException {
    var rows = new ArrayList<List<Object>>();
    try (ResultSet result =
        duck.createStatement()
            .executeQuery("SELECT %s FROM %s ORDER BY input_row".formatted(select, source))) {
      int columns = result.getMetaData().getColumnCount();
      var names = new java.util.TreeMap<String, Integer>();
      for (int c = 1; c <= columns; c++) {
        names.put(result.getMetaData().getColumnName(c), c);
      }
      while (result.next()) {
        var row = new ArrayList<Object>();
        for (var column : names.entrySet()) {
          Object value = result.getObject(column.getValue());
          row.add(column.getKey() + "=" + (value instanceof Number n ? normal(n) : value));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** Whole numbers compared as longs, whatever integer width each engine wrote them with. */
  private static Object normal(Number number) {
    if (number instanceof Double || number instanceof Float) {
      return number.doubleValue();
    }
    return number.longValue();
  }

  private static HashMap<String, Object> telcoByContract(String model, int trees, int maxDepth) {
    var run = new HashMap<String, Object>();
    run.put("model", model);
    run.put("source", Map.of("csv", "telco_churn.csv"));
    run.put("label", "churn");
    run.put("scopeBy", List.of("contract"));
    run.put("params", Map.of("trees", trees, "maxDepth", maxDepth));
    return run;
  }

  private static HashMap<String, Object> request(String name, Map<String, Object> job) {
    var request = new HashMap<String, Object>(job);
    request.put("model", "telco");
    request.put("output", Map.of("folder", "out/" + name, "format", "parquet"));
    return request;
  }

  private String submit(Map<String, Object> request, String engine) {
    var withEngine = new HashMap<>(request);
    withEngine.put("engine", engine);
    return trainer
        .send("POST", "/v1/scoring-jobs", SparkTrainer.JSON.writeValueAsString(withEngine), 202)
        .path("job")
        .asString();
  }
}

package dev.scopeml.spark.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.spark.SparkTrainer;
import dev.scopeml.testsupport.postgres.TestPostgres;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import tools.jackson.databind.JsonNode;

/**
 * The same run trained by the trainer's workers and by the Spark application on {@code local[2]},
 * from a CSV, a Parquet file and a table of a JDBC source: the same scopes end the same way, on the
 * same rows split the same way, and their holdout metrics agree within 1e-9 (same split, parameters
 * and seed; xgboost fits one thread per scope in both); a scorer serves the Spark run's versions
 * with the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalSparkTrainingTest {

  private static final double TOLERANCE = 1e-9;

  private static final Path WORK = Path.of("target", "local-spark-training");

  private DatabaseSettings db;
  private SparkTrainer trainer;

  @BeforeAll
  void startTrainer() {
    db = TestPostgres.freshDatabase("spark_local");
    trainer = SparkTrainer.start("local[2]", db, WORK);
  }

  @AfterAll
  void stopTrainer() {
    if (trainer != null) {
      trainer.close();
    }
  }

  @Test
  void telcoByContractOnSparkEqualsTheTrainerEngine() {
    assertSameRuns("telco", Map.of("csv", "telco_churn.csv"), "churn", "contract", 50);

    // A scorer serves the Spark run's versions, and they answer as the trainer's do.
    try (var scorer =
        Services.scorer("scorer", ServiceJars.pinned(ServiceJars.scorer()), db, Map.of(), WORK)
            .awaitOk("/readyz", Duration.ofMinutes(2))) {
      String rows =
          """
          {"instances": [
            {"contract": "One year", "tenure": 12, "monthly_charges": 50.5, "internet_service": "DSL"},
            {"contract": "Month-to-month", "tenure": 2, "monthly_charges": 95.0},
            {"contract": "Two year", "tenure": 60, "monthly_charges": 20.0}]}""";
      JsonNode expected =
          SparkTrainer.post(scorer.uri("/v1/models/telco_trainer/predict"), rows)
              .path("predictions");
      JsonNode actual =
          SparkTrainer.post(scorer.uri("/v1/models/telco_spark/predict"), rows).path("predictions");
      assertThat(actual.size()).as("predictions of the Spark versions").isEqualTo(3);
      for (int i = 0; i < 3; i++) {
        assertThat(actual.get(i).path("scope").asString())
            .as("scope of row %d", i)
            .isEqualTo(expected.get(i).path("scope").asString());
        assertThat(actual.get(i).path("label").asString())
            .as("label of row %d", i)
            .isEqualTo(expected.get(i).path("label").asString());
        assertThat(actual.get(i).path("probabilities").path("Yes").asDouble())
            .as("probability of Yes for row %d", i)
            .isCloseTo(
                expected.get(i).path("probabilities").path("Yes").asDouble(), within(TOLERANCE));
      }
    }
  }

  @Test
  void mlcChurnByStateOnSparkEqualsTheTrainerEngine() {
    assertSameRuns("mlc", Map.of("csv", "mlc_churn.csv"), "churn", "state", 40);
  }

  @Test
  void telcoFromParquetAndFromJdbcOnSparkEqualsTheTrainerEngine() throws SQLException {
    Path data = WORK.resolve("data").toAbsolutePath();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      duck.createStatement()
          .execute(
              "COPY (SELECT * FROM read_csv('%s')) TO '%s' (FORMAT parquet)"
                  .formatted(data.resolve("telco_churn.csv"), data.resolve("telco.parquet")));
    }
    assertSameRuns("telco_parquet", Map.of("parquet", "telco.parquet"), "churn", "contract", 50);

    try (Connection postgres = DriverManager.getConnection(db.url(), db.user(), db.password())) {
      postgres
          .createStatement()
          .execute(
              """
              CREATE TABLE telco (churn text, female int, senior_citizen int, partner int,
                dependents int, tenure int, phone_service int, multiple_lines text,
                internet_service text, online_security text, online_backup text,
                device_protection text, tech_support text, streaming_tv text,
                streaming_movies text, contract text, paperless_billing int, payment_method text,
                monthly_charges double precision, total_charges double precision)""");
      try (var csv = Files.newBufferedReader(data.resolve("telco_churn.csv"))) {
        new CopyManager(postgres.unwrap(BaseConnection.class))
            .copyIn("COPY telco FROM STDIN (FORMAT csv, HEADER true, NULL 'NA')", csv);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertSameRuns(
        "telco_jdbc",
        Map.of("jdbc", Map.of("source", "warehouse", "table", "telco")),
        "churn",
        "contract",
        50);
  }

  private void assertSameRuns(
      String name, Map<String, Object> source, String label, String scopeBy, int minRows) {
    String onTrainer =
        trainer.submit(request(name + "_trainer", source, label, scopeBy, minRows, null));
    String onSpark =
        trainer.submit(request(name + "_spark", source, label, scopeBy, minRows, "spark"));
    JsonNode expected = trainer.awaitRun(onTrainer, Duration.ofMinutes(3));
    JsonNode actual = trainer.awaitRun(onSpark, Duration.ofMinutes(3));

    assertThat(actual.path("engine").asString()).as("engine of %s", actual).isEqualTo("spark");
    assertThat(actual.path("status").asString())
        .as("the Spark run's status: %s", actual)
        .isEqualTo(expected.path("status").asString());
    Map<String, JsonNode> trained = byScope(expected);
    Map<String, JsonNode> sparked = byScope(actual);
    assertThat(sparked.keySet()).as("scopes").isEqualTo(trained.keySet());
    assertThat(trained).as("scopes of the trainer's run").isNotEmpty();
    trained.forEach(
        (scope, want) -> {
          JsonNode got = sparked.get(scope);
          assertThat(got.path("status").asString())
              .as("status of scope %s: %s", scope, got)
              .isEqualTo(want.path("status").asString());
          for (String count : List.of("rows", "trainRows", "holdoutRows")) {
            assertThat(got.path(count).asInt())
                .as("%s of scope %s", count, scope)
                .isEqualTo(want.path(count).asInt());
          }
          JsonNode metrics = want.path("metrics");
          for (String metric : metrics.propertyNames()) {
            assertThat(got.path("metrics").path(metric).asDouble())
                .as("%s of scope %s", metric, scope)
                .isCloseTo(metrics.path(metric).asDouble(), within(TOLERANCE));
          }
          assertThat(got.path("promoted").asBoolean())
              .as("scope %s promoted", scope)
              .isEqualTo(want.path("promoted").asBoolean());
        });
  }

  private static Map<String, Object> request(
      String model,
      Map<String, Object> source,
      String label,
      String scopeBy,
      int minRows,
      String engine) {
    var request = new HashMap<String, Object>();
    request.put("model", model);
    request.put("source", source);
    request.put("label", label);
    request.put("scopeBy", List.of(scopeBy));
    request.put("params", Map.of("trees", 20, "maxDepth", 3));
    request.put("minRows", minRows);
    request.put("promote", Map.of("policy", "always"));
    if (engine != null) {
      request.put("engine", engine);
    }
    return request;
  }

  private static Map<String, JsonNode> byScope(JsonNode run) {
    var scopes = new TreeMap<String, JsonNode>();
    run.path("scopes").forEach(scope -> scopes.put(scope.path("scope").asString(), scope));
    return scopes;
  }
}

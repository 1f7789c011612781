package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.testsupport.models.TelcoModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The same telco rows scored through each input and output: CSV to CSV as the reference; CSV to
 * Parquet (Zstandard) read back with its types; a typed Parquet file to Parquet (Snappy); a JDBC
 * table to a new JDBC table. Every path gives every row once, with the reference's answer.
 */
class FormatsScoringJobTest extends ScoringTest {

  private Map<Long, Map<String, String>> reference;

  @Override
  protected Map<String, Object> trainerProperties() {
    return Map.of(
        "scopeml.sources.warehouse.url", settings().url(),
        "scopeml.sources.warehouse.user", settings().user(),
        "scopeml.sources.warehouse.password", settings().password());
  }

  @BeforeAll
  void scoreTheReference() {
    storeTelcoModels(true);
    String job =
        submitJob(
            Map.of(
                "model", TelcoModel.MODEL,
                "input", Map.of("csv", "telco_churn.csv"),
                "output", Map.of("folder", "out/reference"),
                "carry", List.of("tenure"),
                "chunkRows", 2000));
    assertThat(awaitJob(job, Duration.ofMinutes(2)).get("status").asString())
        .isEqualTo("succeeded");
    reference = new HashMap<>();
    readCsvParts(dataDir().resolve("out/reference"))
        .forEach(row -> reference.put(Long.parseLong(row.get("input_row")), row));
    assertThat(reference).hasSize(7043);
  }

  @Test
  void csvToParquetReadsBackWithTheSameRowsAndTypes() throws SQLException {
    String job =
        submitJob(
            Map.of(
                "model", TelcoModel.MODEL,
                "input", Map.of("csv", "telco_churn.csv"),
                "output", Map.of("folder", "out/zstd", "format", "parquet", "compression", "zstd"),
                "carry", List.of("tenure"),
                "chunkRows", 2000));
    JsonNode view = awaitJob(job, Duration.ofMinutes(2));
    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("succeeded");
    Path out = dataDir().resolve("out/zstd");
    assertThat(out.resolve("_SUCCESS")).exists();

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      String parts = "read_parquet('" + out + "/part-*.parquet')";
      var types = new LinkedHashMap<String, String>();
      try (var describe = duck.createStatement().executeQuery("DESCRIBE SELECT * FROM " + parts)) {
        while (describe.next()) {
          types.put(describe.getString("column_name"), describe.getString("column_type"));
        }
      }
      assertThat(types)
          .containsExactly(
              Map.entry("input_row", "BIGINT"),
              Map.entry("tenure", "VARCHAR"),
              Map.entry("scope", "VARCHAR"),
              Map.entry("version", "INTEGER"),
              Map.entry("fallback", "BOOLEAN"),
              Map.entry("requested_scope", "VARCHAR"),
              Map.entry("label", "VARCHAR"),
              Map.entry("probability_No", "DOUBLE"),
              Map.entry("probability_Yes", "DOUBLE"));
      try (var codecs =
          duck.createStatement()
              .executeQuery(
                  "SELECT DISTINCT compression FROM parquet_metadata('"
                      + out
                      + "/part-*.parquet')")) {
        codecs.next();
        assertThat(codecs.getString(1)).isEqualTo("ZSTD");
      }
      assertSameAsReference(duck, parts);
    }
  }

  @Test
  void aTypedParquetFileScoresLikeTheCsv() throws SQLException {
    Path typed = dataDir().resolve("telco.parquet");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      duck.createStatement()
          .execute(
              "COPY (SELECT * FROM read_csv('"
                  + dataDir().resolve("telco_churn.csv")
                  + "', header = true)) TO '"
                  + typed
                  + "' (FORMAT PARQUET, ROW_GROUP_SIZE 1000)");
    }
    String job =
        submitJob(
            Map.of(
                "model", TelcoModel.MODEL,
                "input", Map.of("parquet", "telco.parquet"),
                "output", Map.of("folder", "out/snappy", "format", "parquet"),
                "carry", List.of("tenure"),
                "chunkRows", 1500));
    JsonNode view = awaitJob(job, Duration.ofMinutes(2));
    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("succeeded");
    assertThat(view.get("chunks").get("total").asInt()).isEqualTo(5);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
      String parts = "read_parquet('" + dataDir().resolve("out/snappy") + "/part-*.parquet')";
      try (var type =
          duck.createStatement().executeQuery("SELECT typeof(tenure) FROM " + parts + " LIMIT 1")) {
        type.next();
        assertThat(type.getString(1)).as("carried as the input typed it").isEqualTo("BIGINT");
      }
      assertSameAsReference(duck, parts);
    }
  }

  @Test
  void aJdbcTableScoresIntoANewTable() throws SQLException {
    DataTable telco = CsvReader.read(dataDir().resolve("telco_churn.csv"));
    List<String> columns = telco.columnNames();
    try (Connection db = dataSource().getConnection()) {
      var ddl = new StringBuilder("CREATE TABLE customers (id integer PRIMARY KEY");
      columns.forEach(c -> ddl.append(", ").append(c).append(" text"));
      db.createStatement().execute(ddl.append(')').toString());
      String insert = "INSERT INTO customers VALUES (?" + ", ?".repeat(columns.size()) + ")";
      try (var rows = db.prepareStatement(insert)) {
        for (int row = 0; row < telco.size(); row++) {
          // Ids in reverse file order, so key order is not insertion order.
          rows.setInt(1, telco.size() - row);
          for (int c = 0; c < columns.size(); c++) {
            rows.setString(c + 2, telco.text(columns.get(c))[row]);
          }
          rows.addBatch();
        }
        rows.executeBatch();
      }
    }
    String job =
        submitJob(
            Map.of(
                "model", TelcoModel.MODEL,
                "input", Map.of("jdbc", Map.of("source", "warehouse", "table", "customers")),
                "output", Map.of("jdbc", Map.of("source", "warehouse", "table", "predictions")),
                "carry", List.of("id", "tenure"),
                "chunkRows", 1000));
    JsonNode view = awaitJob(job, Duration.ofMinutes(2));
    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("succeeded");
    assertThat(view.get("chunks").get("total").asInt()).isEqualTo(8);

    try (Connection db = dataSource().getConnection();
        var rows =
            db.createStatement()
                .executeQuery(
                    "SELECT input_row, id, label, \"probability_Yes\", scope, version"
                        + " FROM predictions ORDER BY input_row")) {
      int count = 0;
      while (rows.next()) {
        count++;
        long inputRow = rows.getLong(1);
        assertThat(inputRow).as("rows in key order").isEqualTo(count);
        long fileRow = telco.size() - Long.parseLong(rows.getString(2)) + 1;
        Map<String, String> expected = reference.get(fileRow);
        assertThat(rows.getString(3)).isEqualTo(expected.get("label"));
        assertThat(rows.getDouble(4))
            .isEqualTo(Double.parseDouble(expected.get("probability_Yes")));
        assertThat(rows.getString(5)).isEqualTo(expected.get("scope"));
      }
      assertThat(count).isEqualTo(7043);
    }
  }

  /** The Parquet parts hold the reference's rows: same positions, labels and probabilities. */
  private void assertSameAsReference(Connection duck, String parts) throws SQLException {
    try (var rows =
        duck.createStatement()
            .executeQuery(
                "SELECT input_row, label, probability_Yes, scope, version, fallback FROM "
                    + parts
                    + " ORDER BY input_row")) {
      int count = 0;
      while (rows.next()) {
        count++;
        Map<String, String> expected = reference.get(rows.getLong(1));
        assertThat(expected).as("row %d", rows.getLong(1)).isNotNull();
        assertThat(rows.getString(2)).isEqualTo(expected.get("label"));
        assertThat(rows.getDouble(3))
            .isEqualTo(Double.parseDouble(expected.get("probability_Yes")));
        assertThat(rows.getString(4)).isEqualTo(expected.get("scope"));
        assertThat(rows.getInt(5)).isEqualTo(Integer.parseInt(expected.get("version")));
        assertThat(rows.getBoolean(6)).isFalse();
      }
      assertThat(count).isEqualTo(7043);
    }
  }
}

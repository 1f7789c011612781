package dev.scopeml.trainer.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.trainer.TrainerTest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Runs read from a named JDBC source: a table found through the database's metadata with scope
 * filters bound as parameters, and a query the configuration names.
 */
class JdbcSourceTest extends TrainerTest {

  private static final List<String> COLUMNS =
      List.of(
          "churn",
          "tenure",
          "contract",
          "internet_service",
          "payment_method",
          "monthly_charges",
          "total_charges");

  private DataTable telco;

  @Override
  protected Map<String, Object> trainerProperties() {
    return Map.of(
        "scopeml.sources.warehouse.url", settings().url(),
        "scopeml.sources.warehouse.user", settings().user(),
        "scopeml.sources.warehouse.password", settings().password(),
        "scopeml.sources.warehouse.queries.fiber",
            "SELECT * FROM telco_customers WHERE internet_service = 'Fiber optic'");
  }

  @BeforeAll
  void loadTelcoIntoATable() throws SQLException {
    telco = CsvReader.read(Path.of("..", "datasets", "telco_churn.csv"));
    try (var connection = dataSource().getConnection()) {
      try (var create = connection.createStatement()) {
        create.execute(
            "CREATE TABLE telco_customers (churn text, tenure integer, contract text,"
                + " internet_service text, payment_method text, monthly_charges double precision,"
                + " total_charges double precision)");
      }
      try (var insert =
          connection.prepareStatement("INSERT INTO telco_customers VALUES (?, ?, ?, ?, ?, ?, ?)")) {
        for (int r = 0; r < telco.size(); r++) {
          var row = telco.row(r);
          insert.setString(1, (String) row.get("churn"));
          insert.setInt(2, Integer.parseInt((String) row.get("tenure")));
          insert.setString(3, (String) row.get("contract"));
          insert.setString(4, (String) row.get("internet_service"));
          insert.setString(5, (String) row.get("payment_method"));
          insert.setDouble(6, Double.parseDouble((String) row.get("monthly_charges")));
          Object total = row.get("total_charges");
          insert.setObject(7, total == null ? null : Double.parseDouble((String) total));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  @Test
  void trainsFromATableWithTheScopeFilterBound() {
    String run =
        submit(
            Map.of(
                "model",
                "jdbc-churn",
                "source",
                Map.of("jdbc", Map.of("source", "warehouse", "table", "telco_customers")),
                "label",
                "churn",
                "scopeBy",
                List.of("contract"),
                "scopes",
                List.of(Map.of("contract", "Two year")),
                "algorithm",
                "smile-logit"));
    JsonNode view = awaitRun(run, Duration.ofMinutes(2));

    assertThat(view.get("status").asString()).isEqualTo("succeeded");
    Map<String, JsonNode> scopes = scopesOf(view);
    assertThat(scopes).containsOnlyKeys("contract=Two year");
    assertThat(scopes.get("contract=Two year").get("rows").asInt())
        .isEqualTo(count("contract", "Two year"));
    assertThat(view.get("spec").get("kinds").get("tenure").asString())
        .as("an integer column is numeric")
        .isEqualTo("NUMERIC");
    assertThat(view.get("spec").get("features").valueStream().map(JsonNode::asString))
        .containsExactlyInAnyOrder(
            "tenure", "internet_service", "payment_method", "monthly_charges", "total_charges");
    assertThat(COLUMNS).contains("contract");
  }

  @Test
  void trainsFromAConfiguredQuery() {
    String run =
        submit(
            Map.of(
                "model", "fiber-churn",
                "source", Map.of("jdbc", Map.of("source", "warehouse", "query", "fiber")),
                "label", "churn",
                "scopeBy", List.of("contract"),
                "params", Map.of("trees", 20)));
    JsonNode view = awaitRun(run, Duration.ofMinutes(2));

    assertThat(view.get("status").asString()).isEqualTo("succeeded");
    int rows = 0;
    for (JsonNode scope : view.get("scopes")) {
      rows += scope.get("rows").asInt();
    }
    assertThat(rows).isEqualTo(count("internet_service", "Fiber optic"));
  }

  private int count(String column, String value) {
    return (int) Arrays.stream(telco.text(column)).filter(value::equals).count();
  }
}

package dev.scopeml.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.reliability.SharedStack;
import dev.scopeml.testsupport.models.StoredVersions;
import dev.scopeml.testsupport.models.TelcoModel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real scorer process logged in as a login made by {@code Database.ensureReaderLogin} serves
 * predictions, and nothing done through that login can change the registry: every kind of write is
 * refused by PostgreSQL, both with the scorer's read-only session default and with that default
 * switched off, so the role itself is the barrier.
 */
class ScorerReaderRoleTest extends ReliabilityTest {

  private static final List<String> WRITES =
      List.of(
          "INSERT INTO model_families (name, label, classes, scope_columns, feature_schema)"
              + " VALUES ('evil', 'y', '[]', '[]', '{}')",
          "UPDATE activations SET active = false",
          "DELETE FROM activations",
          "INSERT INTO promotion_events (model, scope, kind, to_version, actor)"
              + " VALUES ('churn', 'contract=One year', 'promote', 1, 'evil')",
          "UPDATE model_scopes SET last_version = last_version + 1",
          "INSERT INTO training_runs (id, model, spec) VALUES (gen_random_uuid(), 'evil', '{}')",
          "TRUNCATE training_tasks",
          "DROP TABLE model_versions",
          "ALTER TABLE model_versions DISABLE TRIGGER model_versions_immutable",
          "CREATE TABLE evil (x int)",
          "ALTER ROLE " + SharedStack.READER + " SUPERUSER",
          "SET ROLE postgres");

  private SharedStack stack;

  @BeforeAll
  void useTheSharedStack() {
    stack = sharedStack();
  }

  @Test
  void theScorerServesWhileLoggedInAsTheReader() throws SQLException {
    long sessions =
        countAsOwner(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'scopeml-scorer%'");
    long readerSessions =
        countAsOwner(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'scopeml-scorer%'"
                + " AND usename = '"
                + SharedStack.READER
                + "'");
    assertThat(sessions).as("the scorer's pool and change listener are connected").isPositive();
    assertThat(readerSessions).as("every scorer session is the reader login").isEqualTo(sessions);
    assertThat(Http.statusOf(stack.scorer().uri("/readyz"))).isEqualTo(200);
    Http.Reply prediction =
        Http.postJson(stack.scorer().uri(TelcoModel.PREDICT), stack.predictBody());
    assertThat(prediction.status()).as(prediction.body()).isEqualTo(200);
  }

  @Test
  void noWriteThroughTheReaderLoginSucceeds() throws SQLException {
    long before = rowCount();
    var succeeded = new ArrayList<String>();
    int attempts = 0;
    // First as the scorer connects (read-only session default), then with that default undone.
    for (boolean undoReadOnly : List.of(false, true)) {
      for (String write : WRITES) {
        attempts++;
        try (Connection reader = readerConnection()) {
          if (undoReadOnly) {
            try (var statement = reader.createStatement()) {
              statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
            }
          }
          try (var statement = reader.createStatement()) {
            statement.execute(write);
            succeeded.add(write);
          } catch (SQLException refused) {
            assertThat(refused.getSQLState())
                .as("%s refused for lack of rights or by the read-only session", write)
                .isIn("42501", "25006");
            if (undoReadOnly) {
              assertThat(refused.getSQLState())
                  .as("%s with read-only undone: refused by the role", write)
                  .isEqualTo("42501");
            }
          }
        }
      }
    }
    // A GRANT without the grant option is not an error in PostgreSQL, only a warning: judge it by
    // its effect.
    attempts++;
    try (Connection reader = readerConnection();
        var statement = reader.createStatement()) {
      statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
      statement.execute("GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO PUBLIC");
    } catch (SQLException refused) {
      assertThat(refused.getSQLState()).isEqualTo("42501");
    }
    long writable =
        countAsOwner(
            "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND (has_table_privilege('"
                + SharedStack.READER
                + "', schemaname || '.' || tablename, 'INSERT, UPDATE, DELETE, TRUNCATE'))");
    if (writable > 0) {
      succeeded.add("GRANT: " + writable + " tables writable");
    }
    assertThat(succeeded).as("writes that succeeded").isEmpty();
    assertThat(rowCount()).as("rows in the registry and queue").isEqualTo(before);
    CaseReport.record(
        "access",
        "the scorer's reader login cannot write (INSERT, UPDATE, DELETE, TRUNCATE, DDL, GRANT)",
        attempts,
        succeeded.size(),
        "a real scorer serves as this login; with its read-only session default (25006) and with"
            + " that default undone (42501 permission denied)",
        getClass().getSimpleName());
  }

  @Test
  void aForgedChangeNotificationDoesNotChangeWhatIsServed() throws SQLException {
    var store = new JdbcModelStore(stack.dataSource());
    int inactive =
        store
            .saveVersion(StoredVersions.asNew(store, TelcoModel.MODEL, TelcoModel.ONE_YEAR, 1))
            .version();
    String payload =
        Http.JSON.writeValueAsString(
            Map.of(
                "model",
                TelcoModel.MODEL,
                "scope",
                TelcoModel.ONE_YEAR.toString(),
                "version",
                inactive,
                "event",
                999_999));
    try (Connection reader = readerConnection();
        var notify = reader.prepareStatement("SELECT pg_notify('scopeml_model_changes', ?)")) {
      try (var undo = reader.createStatement()) {
        undo.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE");
      }
      notify.setString(1, payload);
      notify.execute();
    }
    var served = new ArrayList<String>();
    long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < end) {
      Http.Reply reply = Http.postJson(stack.scorer().uri(TelcoModel.PREDICT), stack.predictBody());
      served.add(reply.status() + "/v" + reply.header("X-Model-Version"));
      Eventually.pause(Duration.ofMillis(100));
    }
    assertThat(served)
        .as("what the scorer served after the forged notification")
        .containsOnly("200/v1");
    assertThat(stack.scorer().log())
        .as("the scorer heard the notification and checked it against the registry")
        .contains("notification says churn[contract=One year] is at v" + inactive);
    CaseReport.record(
        "access",
        "a change notification forged through the reader login (NOTIFY naming an inactive"
            + " version)",
        served.size(),
        served.stream().filter(s -> !s.equals("200/v1")).count(),
        "predictions in the 3 s after it: all from the active v1; the scorer reads the active"
            + " version from the registry (before the fix it served the forged v"
            + inactive
            + ")",
        getClass().getSimpleName());
  }

  private Connection readerConnection() throws SQLException {
    // The scorer's own session default: read-only transactions unless a session undoes it.
    String url = stack.reader().url() + "?options=-c%20default_transaction_read_only%3Don";
    return DriverManager.getConnection(url, stack.reader().user(), stack.reader().password());
  }

  private long rowCount() throws SQLException {
    return countAsOwner(
        "SELECT (SELECT count(*) FROM model_families) + (SELECT count(*) FROM model_versions)"
            + " + (SELECT count(*) FROM activations) + (SELECT count(*) FROM promotion_events)"
            + " + (SELECT count(*) FROM training_runs) + (SELECT count(*) FROM training_tasks)");
  }

  private long countAsOwner(String sql) throws SQLException {
    try (var connection = stack.dataSource().getConnection();
        var rows = connection.createStatement().executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

package dev.scopeml.modelstore.database;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.postgres.PostgresTest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SqlLiteralTest extends PostgresTest {

  @Test
  void aQuotedLiteralReadsBackAsTheTextWhateverItHolds() throws SQLException {
    String text = "it's a \\ '; DROP TABLE model_versions; --";
    try (var connection = dataSource().getConnection();
        var statement = connection.createStatement()) {
      String quoted = SqlLiteral.quote(connection, text);

      try (var rows = statement.executeQuery("SELECT " + quoted)) {
        rows.next();
        assertThat(rows.getString(1)).isEqualTo(text);
      }
    }
  }
}

package dev.scopeml.modelstore.database;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Text as an SQL string literal, quoted by the server's own {@code quote_literal}. Utility
 * statements such as {@code CREATE ROLE … PASSWORD} take no bind parameters; quoting by the server
 * means no text of ours is ever spliced into SQL unquoted, whatever characters a password holds.
 */
public final class SqlLiteral {

  private SqlLiteral() {}

  /** {@code text} quoted for {@code connection}'s server, e.g. {@code 'it''s'}. */
  public static String quote(Connection connection, String text) throws SQLException {
    try (var quote = connection.prepareStatement("SELECT quote_literal(?)")) {
      quote.setString(1, text);
      try (var rows = quote.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }
}

package dev.scopeml.modelstore.database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading query results into values. */
public final class Rows {

  private Rows() {}

  /** The first row mapped by {@code reader}, or empty when the query returns none. */
  public static <T> Optional<T> one(PreparedStatement statement, Reader<T> reader)
      throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      return rows.next() ? Optional.ofNullable(reader.read(rows)) : Optional.empty();
    }
  }

  /** Every row mapped by {@code reader}. */
  public static <T> List<T> all(PreparedStatement statement, Reader<T> reader) throws SQLException {
    var out = new ArrayList<T>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        out.add(reader.read(rows));
      }
    }
    return out;
  }

  /** A timestamp column as an instant, null-safe. */
  public static Instant instant(ResultSet row, String column) throws SQLException {
    var timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface Reader<T> {
    T read(ResultSet row) throws SQLException;
  }
}

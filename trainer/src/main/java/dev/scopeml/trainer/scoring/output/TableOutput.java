package dev.scopeml.trainer.scoring.output;

import dev.scopeml.trainer.sources.JdbcTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Rows in a new table of a named JDBC source, and rejects in {@code <table>_rejects}, both keyed by
 * {@code input_row}. A chunk replaces its own range of input rows in one transaction (delete, then
 * insert), so a retry never leaves a row twice, and the primary key stops two attempts that race
 * from both committing. A job that does not succeed renames its tables {@code <table>_partial} and
 * {@code <table>_partial_rejects}.
 */
final class TableOutput {

  private static final int BATCH = 1_000;

  private TableOutput() {}

  static String rejects(String table) {
    return table + "_rejects";
  }

  static String partial(String table) {
    return table + "_partial";
  }

  /** Creates the job's tables; fails if either exists. */
  static void create(Connection connection, String table, Layout layout) throws SQLException {
    String quote = JdbcTables.quote(connection);
    try (var statement = connection.createStatement()) {
      statement.execute(ddl(table, layout.outputColumns(), quote));
      statement.execute(ddl(rejects(table), layout.rejectColumns(), quote));
    }
  }

  private static String ddl(String table, List<Layout.Column> columns, String quote) {
    var sql =
        new StringBuilder("CREATE TABLE ").append(JdbcTables.quoted(table, quote)).append(" (");
    for (Layout.Column column : columns) {
      sql.append(JdbcTables.quoted(column.name(), quote))
          .append(' ')
          .append(column.type().equals("DOUBLE") ? "DOUBLE PRECISION" : column.type())
          .append(", ");
    }
    return sql.append("PRIMARY KEY (")
        .append(JdbcTables.quoted("input_row", quote))
        .append("))")
        .toString();
  }

  /** Replaces the chunk's input rows {@code [firstRow, endRow)} in both tables. */
  static void write(
      Connection connection,
      String table,
      Layout layout,
      long firstRow,
      long endRow,
      ScoredChunk scored)
      throws SQLException {
    String quote = JdbcTables.quote(connection);
    connection.setAutoCommit(false);
    try {
      replace(
          connection,
          table,
          layout.outputColumns(),
          quote,
          firstRow,
          endRow,
          scored.rows().size(),
          scored.rows()::row);
      replace(
          connection,
          rejects(table),
          layout.rejectColumns(),
          quote,
          firstRow,
          endRow,
          scored.rejects().size(),
          scored.rejects()::row);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    }
  }

  private static void replace(
      Connection connection,
      String table,
      List<Layout.Column> columns,
      String quote,
      long firstRow,
      long endRow,
      int rows,
      IntFunction<Object[]> row)
      throws SQLException {
    String name = JdbcTables.quoted(table, quote);
    String key = JdbcTables.quoted("input_row", quote);
    try (var delete =
        connection.prepareStatement(
            "DELETE FROM " + name + " WHERE " + key + " >= ? AND " + key + " < ?")) {
      delete.setLong(1, firstRow);
      delete.setLong(2, endRow);
      delete.executeUpdate();
    }
    var insert = new StringBuilder("INSERT INTO ").append(name).append(" (");
    for (int c = 0; c < columns.size(); c++) {
      insert.append(c == 0 ? "" : ", ").append(JdbcTables.quoted(columns.get(c).name(), quote));
    }
    insert.append(") VALUES (").append("?, ".repeat(columns.size() - 1)).append("?)");
    try (var statement = connection.prepareStatement(insert.toString())) {
      for (int r = 0; r < rows; r++) {
        Object[] values = row.apply(r);
        for (int c = 0; c < values.length; c++) {
          statement.setObject(c + 1, bindable(columns.get(c).type(), values[c]));
        }
        statement.addBatch();
        if ((r + 1) % BATCH == 0) {
          statement.executeBatch();
        }
      }
      statement.executeBatch();
    }
  }

  private static Object bindable(String type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case "BIGINT" -> ((Number) value).longValue();
      case "INTEGER" -> ((Number) value).intValue();
      case "DOUBLE" -> ((Number) value).doubleValue();
      case "BOOLEAN" -> value;
      default -> value.toString();
    };
  }

  /** Renames both tables to their partial names. Safe to repeat. */
  static String rename(Connection connection, String table) throws SQLException {
    String quote = JdbcTables.quote(connection);
    if (exists(connection, table)) {
      try (var statement = connection.createStatement()) {
        statement.execute(
            "ALTER TABLE "
                + JdbcTables.quoted(rejects(table), quote)
                + " RENAME TO "
                + JdbcTables.quoted(rejects(partial(table)), quote));
        statement.execute(
            "ALTER TABLE "
                + JdbcTables.quoted(table, quote)
                + " RENAME TO "
                + JdbcTables.quoted(partial(table), quote));
      }
    }
    return partial(table);
  }

  static boolean exists(Connection connection, String table) throws SQLException {
    var metadata = connection.getMetaData();
    for (String name : List.of(table, table.toLowerCase(java.util.Locale.ROOT))) {
      try (var tables = metadata.getTables(null, null, name, new String[] {"TABLE"})) {
        while (tables.next()) {
          if (tables.getString("TABLE_NAME").equalsIgnoreCase(table)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}

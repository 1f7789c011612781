package dev.scopeml.trainer.scoring.output;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Part files as Parquet, written by DuckDB: the rows are appended to an in-memory table of the
 * layout's types, which DuckDB copies to a Parquet file with the job's codec.
 */
final class ParquetParts {

  private ParquetParts() {}

  static void write(
      Connection duck,
      Path file,
      String codec,
      List<Layout.Column> columns,
      int rows,
      IntFunction<Object[]> row)
      throws SQLException {
    var ddl = new StringBuilder("CREATE TABLE part (");
    for (int c = 0; c < columns.size(); c++) {
      ddl.append(c == 0 ? "" : ", ")
          .append(quoted(columns.get(c).name()))
          .append(' ')
          .append(columns.get(c).type());
    }
    try (var statement = duck.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS part");
      statement.execute(ddl.append(')').toString());
      try (DuckDBAppender appender =
          duck.unwrap(DuckDBConnection.class)
              .createAppender(DuckDBConnection.DEFAULT_SCHEMA, "part")) {
        for (int r = 0; r < rows; r++) {
          Object[] values = row.apply(r);
          appender.beginRow();
          for (int c = 0; c < values.length; c++) {
            append(appender, columns.get(c).type(), values[c]);
          }
          appender.endRow();
        }
      }
      statement.execute(
          "COPY part TO '"
              + file.toString().replace("'", "''")
              + "' (FORMAT PARQUET, COMPRESSION "
              + codec.toUpperCase(Locale.ROOT)
              + ")");
      statement.execute("DROP TABLE part");
    }
  }

  private static void append(DuckDBAppender appender, String type, Object value)
      throws SQLException {
    if (value == null) {
      appender.appendNull();
      return;
    }
    switch (type) {
      case "BIGINT" -> appender.append(((Number) value).longValue());
      case "INTEGER" -> appender.append(((Number) value).intValue());
      case "DOUBLE" -> appender.append(((Number) value).doubleValue());
      case "BOOLEAN" -> appender.append((boolean) value);
      default -> appender.append(value.toString());
    }
  }

  static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}

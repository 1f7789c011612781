package dev.scopeml.trainer.scoring.input;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.runs.SourceRef.JdbcRef;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.sources.JdbcTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A table or configured query of a named JDBC source, read as training reads it (every value as its
 * text, SQL nulls and missing tokens missing). Split into ranges of a unique key: planning reads
 * the keys once in order and keeps every {@code chunkRows}-th as a boundary; a worker reads {@code
 * key >= from AND key < to} ordered by the key, so its rows and their positions are the same on
 * every attempt. No SQL text comes from a request: the table and key are looked up in the metadata
 * and quoted, the bounds are bound parameters.
 */
final class JdbcInput {

  private static final int FETCH_SIZE = 5_000;

  private JdbcInput() {}

  /**
   * Plans the relation in ranges of {@code chunkRows} rows of its key, or as one slice without a
   * key.
   *
   * @throws ApiException 400 if the key is not a column, holds nulls or repeats a value
   */
  static InputPlan plan(
      Connection connection, JdbcTables.Relation relation, String key, int chunkRows)
      throws SQLException {
    String quote = JdbcTables.quote(connection);
    var types = new LinkedHashMap<String, String>();
    relation.columns().forEach(column -> types.put(column, "VARCHAR"));
    if (key == null) {
      long rows;
      try (var count = connection.prepareStatement("SELECT count(*) FROM " + relation.from());
          ResultSet result = count.executeQuery()) {
        result.next();
        rows = result.getLong(1);
      }
      var whole = new Slice(1, rows, null, null, null, null, null, null);
      return new InputPlan(relation.columns(), types, rows, List.of(whole), null);
    }
    if (!relation.columns().contains(key)) {
      throw ApiException.badRequest(
              "key '" + key + "' is not a column of the input; columns: " + relation.columns())
          .with("field", "input.jdbc.key");
    }
    String quotedKey = JdbcTables.quoted(key, quote);
    var slices = new ArrayList<Slice>();
    long rows = 0;
    try (var keys =
        connection.prepareStatement(
            "SELECT " + quotedKey + " FROM " + relation.from() + " ORDER BY " + quotedKey)) {
      keys.setFetchSize(FETCH_SIZE);
      try (ResultSet result = keys.executeQuery()) {
        boolean whole = isWholeNumber(result.getMetaData().getColumnType(1));
        Object previous = null;
        while (result.next()) {
          Object value = whole ? (Object) result.getLong(1) : result.getString(1);
          if (result.wasNull()) {
            throw ApiException.badRequest(
                    "key '" + key + "' is null in some rows: it must name every row")
                .with("field", "input.jdbc.key");
          }
          if (Objects.equals(value, previous)) {
            throw ApiException.badRequest(
                    "key '" + key + "' repeats the value " + value + ": it must be unique")
                .with("field", "input.jdbc.key");
          }
          if (rows % chunkRows == 0) {
            if (!slices.isEmpty()) {
              Slice last = slices.removeLast();
              slices.add(
                  new Slice(
                      last.firstRow(), chunkRows, null, null, null, null, last.from(), value));
            }
            slices.add(new Slice(rows + 1, 0, null, null, null, null, value, null));
          }
          previous = value;
          rows++;
        }
      }
    }
    if (slices.isEmpty()) {
      slices.add(new Slice(1, 0, null, null, null, null, null, null));
    } else {
      Slice last = slices.removeLast();
      slices.add(
          new Slice(
              last.firstRow(),
              rows - last.firstRow() + 1,
              null,
              null,
              null,
              null,
              last.from(),
              null));
    }
    return new InputPlan(relation.columns(), types, rows, slices, key);
  }

  private static boolean isWholeNumber(int sqlType) {
    return sqlType == Types.BIGINT
        || sqlType == Types.INTEGER
        || sqlType == Types.SMALLINT
        || sqlType == Types.TINYINT;
  }

  /** Reads one range, rows in key order. */
  static ChunkRows read(
      Connection connection,
      JdbcTables.Relation relation,
      String key,
      Slice slice,
      List<String> carry,
      Set<String> missing)
      throws SQLException {
    String quote = JdbcTables.quote(connection);
    var sql = new StringBuilder("SELECT ");
    List<String> columns = relation.columns();
    for (int c = 0; c < columns.size(); c++) {
      sql.append(c == 0 ? "" : ", ").append(JdbcTables.quoted(columns.get(c), quote));
    }
    sql.append(" FROM ").append(relation.from());
    var bounds = new ArrayList<Object>();
    if (key != null) {
      String quotedKey = JdbcTables.quoted(key, quote);
      if (slice.from() != null) {
        sql.append(" WHERE ").append(quotedKey).append(" >= ?");
        bounds.add(slice.from());
      }
      if (slice.to() != null) {
        sql.append(bounds.isEmpty() ? " WHERE " : " AND ").append(quotedKey).append(" < ?");
        bounds.add(slice.to());
      }
      sql.append(" ORDER BY ").append(quotedKey);
    }
    connection.setReadOnly(true);
    connection.setAutoCommit(false);
    var table = new DataTable.Builder(columns);
    var inputRows = new ArrayList<Long>();
    try (var statement = connection.prepareStatement(sql.toString())) {
      statement.setFetchSize(FETCH_SIZE);
      for (int b = 0; b < bounds.size(); b++) {
        Object bound = bounds.get(b);
        if (bound instanceof Number number) {
          statement.setLong(b + 1, number.longValue());
        } else {
          statement.setString(b + 1, (String) bound);
        }
      }
      try (ResultSet result = statement.executeQuery()) {
        var row = new ArrayList<String>(columns.size());
        while (result.next()) {
          row.clear();
          for (int c = 1; c <= columns.size(); c++) {
            String value = result.getString(c);
            String trimmed = value == null ? "" : value.trim();
            row.add(trimmed.isEmpty() || missing.contains(trimmed) ? null : value);
          }
          table.add(row);
          inputRows.add(slice.firstRow() + inputRows.size());
        }
      }
    } finally {
      connection.rollback();
    }
    if (inputRows.size() != slice.rows()) {
      throw new IllegalStateException(
          "the input holds "
              + inputRows.size()
              + " rows in the range planned with "
              + slice.rows()
              + ": it changed since the job was submitted");
    }
    DataTable read = table.build();
    var carried = new ArrayList<Object[]>(carry.size());
    for (String column : carry) {
      carried.add(read.text(column));
    }
    long[] positions = inputRows.stream().mapToLong(Long::longValue).toArray();
    return new ChunkRows(read, positions, carried, List.of());
  }

  /** The reference {@link JdbcTables} resolves. */
  static JdbcRef ref(InputRef.JdbcInput input) {
    return new JdbcRef(input.source(), input.table(), input.query());
  }
}

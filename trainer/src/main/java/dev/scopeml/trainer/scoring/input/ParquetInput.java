package dev.scopeml.trainer.scoring.input;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.trainer.sources.DuckDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parquet files read through DuckDB, with the types they declare. A slice is a range of one file's
 * rows; DuckDB pushes the range down to the row groups that hold it, so a worker reads its slice,
 * not the file. Numeric columns arrive as numbers, booleans as {@code true}/{@code false}, other
 * types as their text.
 */
final class ParquetInput {

  private ParquetInput() {}

  /**
   * Plans the files in ranges of {@code chunkRows} rows.
   *
   * @param files the files, each named in a slice relative to {@code dataDirectory}
   * @throws IllegalArgumentException if the files differ in their columns or cannot be read
   */
  static InputPlan plan(Connection duck, Path dataDirectory, List<Path> files, int chunkRows)
      throws SQLException {
    Map<String, String> types = null;
    var slices = new ArrayList<Slice>();
    long rows = 0;
    for (Path file : files) {
      Map<String, String> fileTypes = describe(duck, file);
      if (types == null) {
        types = fileTypes;
      } else if (!types.equals(fileTypes)) {
        throw new IllegalArgumentException(
            file.getFileName() + " has the columns " + fileTypes + ", the first file " + types);
      }
      long count;
      try (var query = duck.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
        query.setString(1, file.toString());
        try (ResultSet result = query.executeQuery()) {
          result.next();
          count = result.getLong(1);
        }
      }
      String relative = dataDirectory.relativize(file).toString();
      for (long from = 0; from < count; from += chunkRows) {
        long size = Math.min(chunkRows, count - from);
        slices.add(new Slice(rows + from + 1, size, relative, from, null, null, null, null));
      }
      rows += count;
    }
    return new InputPlan(List.copyOf(types.keySet()), types, rows, slices, null);
  }

  private static Map<String, String> describe(Connection duck, Path file) throws SQLException {
    var types = new LinkedHashMap<String, String>();
    try (var query = duck.prepareStatement("DESCRIBE SELECT * FROM read_parquet(?)")) {
      query.setString(1, file.toString());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          types.put(result.getString("column_name"), result.getString("column_type"));
        }
      }
    }
    return types;
  }

  /** Reads one slice, rows in file order. */
  static ChunkRows read(
      Connection duck, Path file, Slice slice, Map<String, String> types, List<String> carry)
      throws SQLException {
    List<String> columns = List.copyOf(types.keySet());
    int size = (int) slice.rows();
    var text = new ArrayList<String[]>();
    var numbers = new ArrayList<double[]>();
    var carried = new ArrayList<Object[]>();
    for (String column : columns) {
      boolean numeric = DuckDb.numeric(types.get(column));
      text.add(numeric ? null : new String[size]);
      numbers.add(numeric ? new double[size] : null);
    }
    carry.forEach(column -> carried.add(new Object[size]));
    long[] inputRows = new long[size];
    int row = 0;
    try (var query =
        duck.prepareStatement(
            "SELECT * EXCLUDE (file_row_number), file_row_number"
                + " FROM read_parquet(?, file_row_number = true)"
                + " WHERE file_row_number >= ? AND file_row_number < ? ORDER BY file_row_number")) {
      query.setString(1, file.toString());
      query.setLong(2, slice.offset());
      query.setLong(3, slice.offset() + slice.rows());
      try (ResultSet result = query.executeQuery()) {
        while (result.next()) {
          for (int c = 0; c < columns.size(); c++) {
            if (numbers.get(c) != null) {
              double value = result.getDouble(c + 1);
              numbers.get(c)[row] = result.wasNull() ? Double.NaN : value;
            } else {
              Object value = result.getObject(c + 1);
              text.get(c)[row] = value == null ? null : value.toString();
            }
          }
          for (int k = 0; k < carry.size(); k++) {
            carried.get(k)[row] = result.getObject(carry.get(k));
          }
          inputRows[row] = slice.firstRow() + result.getLong(columns.size() + 1) - slice.offset();
          row++;
        }
      }
    }
    if (row != size) {
      throw new IllegalStateException(
          file.getFileName() + " holds " + row + " rows in the slice planned with " + size);
    }
    var values = new ArrayList<ColumnValues>(columns.size());
    for (int c = 0; c < columns.size(); c++) {
      values.add(
          numbers.get(c) != null
              ? new ColumnValues.Numbers(numbers.get(c))
              : new ColumnValues.Text(text.get(c)));
    }
    return new ChunkRows(DataTable.of(columns, values), inputRows, carried, List.of());
  }
}

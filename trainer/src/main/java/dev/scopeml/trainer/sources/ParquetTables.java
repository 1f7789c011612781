package dev.scopeml.trainer.sources;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.runs.MissingRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a run's Parquet source through DuckDB: the files in order, each value as its text (as a
 * JDBC source's values are read), so the run planner infers kinds as it does for every source.
 */
public final class ParquetTables {

  private ParquetTables() {}

  /** The Parquet files of {@code path}: the file itself, or a folder's files in name order. */
  public static List<Path> files(Path path) {
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    try (var listing = Files.list(path)) {
      return listing
          .filter(f -> f.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(f))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + path.getFileName(), e);
    }
  }

  /**
   * @throws IllegalArgumentException if there is no file, or the files differ in their columns
   */
  static DataTable read(Path dataDirectory, List<Path> files, Set<String> missingValues)
      throws SQLException {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("there is no .parquet file");
    }
    var typed = new MissingRule(missingValues, true);
    try (Connection duck = DuckDb.open(dataDirectory)) {
      DataTable.Builder table = null;
      List<String> columns = null;
      for (Path file : files) {
        try (var query = duck.prepareStatement("SELECT * FROM read_parquet(?)")) {
          query.setString(1, file.toString());
          try (ResultSet result = query.executeQuery()) {
            List<String> own = columns(result);
            if (columns == null) {
              columns = own;
              table = new DataTable.Builder(columns);
            } else if (!columns.equals(own)) {
              throw new IllegalArgumentException(
                  file.getFileName() + " has the columns " + own + ", the first file " + columns);
            }
            var row = new ArrayList<String>(columns.size());
            while (result.next()) {
              row.clear();
              for (int c = 1; c <= columns.size(); c++) {
                row.add(typed.orNull(result.getString(c)));
              }
              table.add(row);
            }
          }
        }
      }
      return table.build();
    }
  }

  private static List<String> columns(ResultSet result) throws SQLException {
    var names = new ArrayList<String>();
    for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
      names.add(result.getMetaData().getColumnName(c));
    }
    return names;
  }
}

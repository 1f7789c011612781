package dev.scopeml.trainer.scoring.input;

import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.sources.DataDirectory;
import dev.scopeml.trainer.sources.DuckDb;
import dev.scopeml.trainer.sources.JdbcTables;
import dev.scopeml.trainer.sources.ParquetTables;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Plans and reads the inputs of scoring jobs, whichever kind a job names. */
@Component
public class Inputs {

  private final DataDirectory dataDirectory;
  private final JdbcTables jdbcTables;

  Inputs(DataDirectory dataDirectory, JdbcTables jdbcTables) {
    this.dataDirectory = dataDirectory;
    this.jdbcTables = jdbcTables;
  }

  /**
   * Plans {@code input} in slices of {@code chunkRows} rows.
   *
   * @throws ApiException 400 naming the field at fault: no or two inputs, a path outside the data
   *     directory or missing, an unreadable file, an unknown source, table, query or key
   */
  public InputPlan plan(InputRef input, int chunkRows) {
    int given =
        (input == null ? 0 : (input.csv() != null ? 1 : 0))
            + (input == null ? 0 : (input.parquet() != null ? 1 : 0))
            + (input == null ? 0 : (input.jdbc() != null ? 1 : 0));
    if (given != 1) {
      throw ApiException.badRequest("input needs exactly one of 'csv', 'parquet' and 'jdbc'")
          .with("field", "input");
    }
    try {
      if (input.csv() != null) {
        Path file = existing(input.csv(), "input.csv", false);
        return CsvInput.plan(file, chunkRows);
      }
      if (input.parquet() != null) {
        Path path = existing(input.parquet(), "input.parquet", true);
        List<Path> files = ParquetTables.files(path);
        if (files.isEmpty()) {
          throw ApiException.badRequest("folder '" + input.parquet() + "' holds no .parquet file")
              .with("field", "input.parquet");
        }
        try (Connection duck = DuckDb.open(dataDirectory.root())) {
          return ParquetInput.plan(duck, dataDirectory.root(), files, chunkRows);
        }
      }
      return planJdbc(input.jdbc(), chunkRows);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw ApiException.badRequest(input.describe() + " cannot be read: " + e.getMessage())
          .with("field", "input");
    } catch (SQLException e) {
      throw ApiException.badRequest(input.describe() + " cannot be read: " + firstLine(e))
          .with("field", "input");
    }
  }

  private InputPlan planJdbc(InputRef.JdbcInput jdbc, int chunkRows) throws SQLException {
    if ((jdbc.table() == null) == (jdbc.query() == null)) {
      throw ApiException.badRequest("input.jdbc needs exactly one of 'table' and 'query'")
          .with("field", "input.jdbc");
    }
    try (Connection connection = jdbcTables.connect(jdbc.source(), "input.jdbc.source")) {
      JdbcTables.Relation relation = relation(connection, jdbc);
      String key = jdbc.key();
      if (key == null && jdbc.table() != null) {
        key = primaryKey(connection, jdbc.table());
      }
      return JdbcInput.plan(connection, relation, key, chunkRows);
    }
  }

  private JdbcTables.Relation relation(Connection connection, InputRef.JdbcInput jdbc)
      throws SQLException {
    try {
      return jdbcTables.relation(connection, JdbcInput.ref(jdbc));
    } catch (ApiException e) {
      throw e.with("field", jdbc.table() != null ? "input.jdbc.table" : "input.jdbc.query");
    }
  }

  /** The single column of the table's primary key, or null. */
  private static String primaryKey(Connection connection, String table) throws SQLException {
    int dot = table.indexOf('.');
    String schema = dot > 0 ? table.substring(0, dot) : null;
    String name = dot > 0 ? table.substring(dot + 1) : table;
    String found = null;
    int columns = 0;
    try (var keys = connection.getMetaData().getPrimaryKeys(null, schema, name)) {
      while (keys.next()) {
        found = keys.getString("COLUMN_NAME");
        columns++;
      }
    }
    return columns == 1 ? found : null;
  }

  /**
   * Reads one slice of {@code input}.
   *
   * @param types the input's columns and types, as planned
   * @param key the JDBC key the slices are ranges of, or null
   */
  public ChunkRows read(
      InputRef input,
      Map<String, String> types,
      String key,
      Slice slice,
      List<String> carry,
      Set<String> missing)
      throws SQLException {
    if (input.csv() != null) {
      return CsvInput.read(
          dataDirectory.inside(input.csv(), "input.csv"),
          slice,
          List.copyOf(types.keySet()),
          carry,
          missing);
    }
    if (input.parquet() != null) {
      try (Connection duck = DuckDb.open(dataDirectory.root())) {
        Path file = dataDirectory.inside(slice.file(), "input.parquet");
        return ParquetInput.read(duck, file, slice, types, carry);
      }
    }
    try (Connection connection = jdbcTables.connect(input.jdbc().source(), "input.jdbc.source")) {
      JdbcTables.Relation relation = jdbcTables.relation(connection, JdbcInput.ref(input.jdbc()));
      return JdbcInput.read(connection, relation, key, slice, carry, missing);
    }
  }

  private Path existing(String relative, String field, boolean folderAllowed) {
    Path path = dataDirectory.inside(relative, field);
    boolean ok = Files.isRegularFile(path) || (folderAllowed && Files.isDirectory(path));
    if (!ok) {
      throw ApiException.badRequest("'" + relative + "' does not exist in the data directory")
          .with("field", field);
    }
    return path;
  }

  private static String firstLine(SQLException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
  }
}

package dev.scopeml.trainer.sources;

import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.runs.SourceRef;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.api.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Loads a run's rows from its source as a table of raw text (missing values null), restricted to
 * the run's scopes when it lists any. Counts every load in {@code scopeml.datasets.loaded}, so the
 * per-run cache's effect is visible.
 */
@Component
public class SourceLoader {

  private final DataDirectory dataDirectory;
  private final JdbcTables jdbcTables;
  private final MeterRegistry meters;

  SourceLoader(DataDirectory dataDirectory, JdbcTables jdbcTables, MeterRegistry meters) {
    this.dataDirectory = dataDirectory;
    this.jdbcTables = jdbcTables;
    this.meters = meters;
  }

  /**
   * The rows of {@code source}.
   *
   * @param scopeBy the scope columns, checked to exist
   * @param scopes only rows of these scopes; every row when empty
   * @param missingValues text values read as missing, besides an empty one
   * @throws ApiException 400 naming the problem: no or two sources, a path outside the data
   *     directory, an empty or malformed file, an unknown JDBC source, table, query or column
   */
  public DataTable load(
      SourceRef source, List<String> scopeBy, List<ScopeKey> scopes, Set<String> missingValues) {
    if (source == null || source.given() != 1) {
      throw ApiException.badRequest("source needs exactly one of 'csv', 'parquet' and 'jdbc'")
          .with("field", "source");
    }
    DataTable table;
    if (source.csv() != null) {
      table = filter(readCsv(source.csv(), missingValues), scopeBy, scopes, source);
      meters.counter("scopeml.datasets.loaded", "source", "csv").increment();
    } else if (source.parquet() != null) {
      table = filter(readParquet(source.parquet(), missingValues), scopeBy, scopes, source);
      meters.counter("scopeml.datasets.loaded", "source", "parquet").increment();
    } else {
      table = jdbcTables.read(source.jdbc(), scopeBy, scopes, missingValues);
      meters.counter("scopeml.datasets.loaded", "source", "jdbc").increment();
    }
    if (table.size() == 0) {
      throw ApiException.badRequest(
              source.describe()
                  + " has no data rows"
                  + (scopes.isEmpty() ? "" : " in the scopes " + scopes))
          .with("field", "source");
    }
    return table;
  }

  private DataTable readCsv(String relative, Set<String> missingValues) {
    var path = dataDirectory.resolve(relative);
    try {
      return CsvReader.read(path, missingValues);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("csv file '" + relative + "': " + e.getMessage())
          .with("field", "source.csv");
    } catch (UncheckedIOException e) {
      throw ApiException.badRequest(
              "csv file '"
                  + relative
                  + "' cannot be read as UTF-8 text: "
                  + e.getCause().getMessage())
          .with("field", "source.csv");
    }
  }

  private DataTable readParquet(String relative, Set<String> missingValues) {
    Path path = dataDirectory.inside(relative, "source.parquet");
    if (!Files.exists(path)) {
      throw ApiException.badRequest(
              "parquet '" + relative + "' does not exist in the data directory")
          .with("field", "source.parquet");
    }
    try {
      return ParquetTables.read(dataDirectory.root(), ParquetTables.files(path), missingValues);
    } catch (SQLException | IllegalArgumentException e) {
      throw ApiException.badRequest(
              "parquet '"
                  + relative
                  + "' cannot be read: "
                  + e.getMessage().lines().findFirst().orElse(""))
          .with("field", "source.parquet");
    }
  }

  private static DataTable filter(
      DataTable table, List<String> scopeBy, List<ScopeKey> scopes, SourceRef source) {
    var columns = new ArrayList<String[]>(scopeBy.size());
    for (String column : scopeBy) {
      if (!table.hasColumn(column)) {
        throw ApiException.badRequest(
                "scope column '"
                    + column
                    + "' is not a column of "
                    + source.describe()
                    + "; columns: "
                    + table.columnNames())
            .with("field", "scopeBy")
            .with("column", column);
      }
      columns.add(table.text(column));
    }
    if (scopes.isEmpty()) {
      return table;
    }
    var wanted = new HashSet<>(scopes);
    return table.filter(
        row -> {
          var values = new TreeMap<String, String>();
          for (int c = 0; c < columns.size(); c++) {
            String value = columns.get(c)[row];
            if (value == null) {
              return false;
            }
            values.put(scopeBy.get(c), value);
          }
          return wanted.contains(ScopeKey.of(values));
        });
  }
}

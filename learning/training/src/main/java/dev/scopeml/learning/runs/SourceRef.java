package dev.scopeml.learning.runs;

/**
 * Where a run's rows come from: exactly one of a CSV file under the data directory or a named JDBC
 * source. The same record is the request's {@code source} field and part of the stored run spec.
 *
 * @param csv a path relative to the data directory, e.g. {@code telco_churn.csv} or an upload's
 *     {@code uploads/<sha256>.csv}
 * @param jdbc a table or configured query of a named JDBC source
 */
public record SourceRef(String csv, JdbcRef jdbc) {

  /** A readable description, stored as the version's provenance. */
  public String describe() {
    return csv != null ? "csv:" + csv : jdbc.describe();
  }

  /**
   * A table or a configured query of a named JDBC source.
   *
   * @param source the source's name under {@code scopeml.sources}
   * @param table a table or view, optionally {@code schema.table}; checked against the database's
   *     metadata
   * @param query the name of one of the source's configured queries
   */
  public record JdbcRef(String source, String table, String query) {

    public String describe() {
      return "jdbc:" + source + (table != null ? "/table/" + table : "/query/" + query);
    }
  }
}

package dev.scopeml.learning.runs;

/**
 * Where a run's rows come from: exactly one of a CSV file under the data directory, a Parquet file
 * or folder under it, or a named JDBC source. The same record is the request's {@code source} field
 * and part of the stored run spec.
 *
 * @param csv a path relative to the data directory, e.g. {@code telco_churn.csv} or an upload's
 *     {@code uploads/<sha256>.csv}
 * @param parquet a Parquet file, or a folder whose {@code *.parquet} files are read in name order,
 *     relative to the data directory
 * @param jdbc a table or configured query of a named JDBC source
 */
public record SourceRef(String csv, String parquet, JdbcRef jdbc) {

  /** A readable description, stored as the version's provenance. */
  public String describe() {
    if (csv != null) {
      return "csv:" + csv;
    }
    return parquet != null ? "parquet:" + parquet : jdbc.describe();
  }

  /** How many of the three kinds of source are given: exactly one is valid. */
  public int given() {
    return (csv == null ? 0 : 1) + (parquet == null ? 0 : 1) + (jdbc == null ? 0 : 1);
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

package dev.scopeml.trainer.scoring.input;

/**
 * Where a scoring job's rows come from: exactly one of a CSV file or an upload in the data
 * directory, a Parquet file or folder of Parquet files in the data directory, or a table or
 * configured query of a named JDBC source.
 *
 * @param csv a path relative to the data directory, e.g. {@code telco_churn.csv} or {@code
 *     uploads/<sha256>.csv}
 * @param parquet a Parquet file, or a folder whose {@code *.parquet} files are read in name order,
 *     relative to the data directory
 * @param jdbc a table or query of a named source
 */
public record InputRef(String csv, String parquet, JdbcInput jdbc) {

  /** A readable description, for logs and the job view. */
  public String describe() {
    if (csv != null) {
      return "csv:" + csv;
    }
    if (parquet != null) {
      return "parquet:" + parquet;
    }
    return "jdbc:"
        + jdbc.source()
        + (jdbc.table() != null ? "/table/" + jdbc.table() : "/query/" + jdbc.query());
  }

  /**
   * A table or configured query of a named JDBC source.
   *
   * @param source the source's name under {@code scopeml.sources}
   * @param table a table or view, optionally {@code schema.table}
   * @param query the name of one of the source's configured queries
   * @param key a column with a unique, non-null value per row that splits the input into ranges;
   *     default the table's single-column primary key. Without one the input is one slice.
   */
  public record JdbcInput(String source, String table, String query, String key) {}
}

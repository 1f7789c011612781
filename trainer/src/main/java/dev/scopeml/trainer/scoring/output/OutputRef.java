package dev.scopeml.trainer.scoring.output;

/**
 * Where a scoring job writes: exactly one of a folder in the data directory or a table of a named
 * JDBC source.
 *
 * @param folder a new folder, relative to the data directory, for part files and {@code _SUCCESS}
 * @param format {@code csv} (default) or {@code parquet}, for a folder
 * @param compression a Parquet folder's codec: {@code snappy} (default), {@code zstd} or {@code
 *     none}
 * @param jdbc a new table of a named source
 */
public record OutputRef(String folder, String format, String compression, JdbcOutput jdbc) {

  /** A readable description, for logs and the job view. */
  public String describe() {
    return folder != null
        ? format + ":" + folder
        : "jdbc:" + jdbc.source() + "/table/" + jdbc.table();
  }

  /**
   * A new table of a named JDBC source, created at submission with a {@code <table>_rejects} beside
   * it.
   *
   * @param source the source's name under {@code scopeml.sources}
   * @param table a plain table name: letters, digits and underscores
   */
  public record JdbcOutput(String source, String table) {}
}

package dev.scopeml.trainer.scoring.input;

import dev.scopeml.learning.data.DataTable;
import java.util.List;

/**
 * The rows of one slice as read.
 *
 * @param table the readable rows, by column: text, or numbers for numeric Parquet columns
 * @param inputRows each row's position in the input
 * @param carried the values of the job's carried columns, one array per column, as typed in the
 *     input
 * @param unreadable records of the slice that are no rows (a CSV line with another number of
 *     fields), with why
 */
public record ChunkRows(
    DataTable table, long[] inputRows, List<Object[]> carried, List<Unreadable> unreadable) {

  /**
   * A record that could not be read as a row.
   *
   * @param inputRow its position in the input
   * @param reason why
   */
  public record Unreadable(long inputRow, String reason) {}
}

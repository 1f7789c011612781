package dev.scopeml.trainer.scoring.output;

import java.util.List;

/**
 * What one chunk produced: its scored rows and its rejects, in input order, by column.
 *
 * @param rows the scored rows
 * @param rejects the rejected rows
 */
public record ScoredChunk(Scored rows, Rejected rejects) {

  /**
   * Scored rows, one entry per row in every array.
   *
   * @param inputRows positions in the input
   * @param carried the carried columns' values, one array per column
   * @param scope the scope whose version answered
   * @param version that version
   * @param fallback whether the global scope answered for a scope without a version
   * @param requestedScope on a fallback, the scope the row asked for; else null
   * @param label the most probable class
   * @param probabilities one array per class
   */
  public record Scored(
      long[] inputRows,
      List<Object[]> carried,
      String[] scope,
      int[] version,
      boolean[] fallback,
      String[] requestedScope,
      String[] label,
      List<double[]> probabilities) {

    public int size() {
      return inputRows.length;
    }

    /** Row {@code row}'s values in {@link Layout#outputColumns()} order. */
    public Object[] row(int row) {
      Object[] values = new Object[6 + carried.size() + probabilities.size()];
      int at = 0;
      values[at++] = inputRows[row];
      for (Object[] column : carried) {
        values[at++] = column[row];
      }
      values[at++] = scope[row];
      values[at++] = version[row];
      values[at++] = fallback[row];
      values[at++] = requestedScope[row];
      values[at++] = label[row];
      for (double[] column : probabilities) {
        values[at++] = column[row];
      }
      return values;
    }
  }

  /**
   * Rejected rows, one entry per row in every array.
   *
   * @param inputRows positions in the input
   * @param carried the carried columns' values (null for a record that could not be read)
   * @param field the column at fault, or null
   * @param reason why the row was not scored
   */
  public record Rejected(
      long[] inputRows, List<Object[]> carried, String[] field, String[] reason) {

    public int size() {
      return inputRows.length;
    }

    /** Row {@code row}'s values in {@link Layout#rejectColumns()} order. */
    public Object[] row(int row) {
      Object[] values = new Object[3 + carried.size()];
      int at = 0;
      values[at++] = inputRows[row];
      for (Object[] column : carried) {
        values[at++] = column[row];
      }
      values[at++] = field[row];
      values[at] = reason[row];
      return values;
    }
  }
}

package dev.scopeml.learning.batch;

/**
 * Each row of a scored batch, in the batch's order: how it was answered, or why it was rejected.
 * Filled by {@link BatchScorer}; read row by row by whatever writes the output.
 */
public final class ScoredRows {

  private final String[] scope;
  private final int[] version;
  private final String[] requested;
  private final String[] label;
  private final double[][] probabilities;
  private final String[] field;
  private final String[] reason;

  ScoredRows(int size, int classes) {
    scope = new String[size];
    version = new int[size];
    requested = new String[size];
    label = new String[size];
    probabilities = new double[classes][size];
    field = new String[size];
    reason = new String[size];
  }

  void reject(int row, String column, String why) {
    field[row] = column;
    reason[row] = why;
  }

  void scored(
      int row, String answering, int number, String asked, String best, double[] out, int at) {
    scope[row] = answering;
    version[row] = number;
    requested[row] = asked;
    label[row] = best;
    for (int c = 0; c < probabilities.length; c++) {
      probabilities[c][row] = out[at + c];
    }
  }

  /** Rows in the batch. */
  public int size() {
    return scope.length;
  }

  /** Whether row {@code row} was rejected rather than scored. */
  public boolean rejected(int row) {
    return reason[row] != null;
  }

  /** The scope whose version answered ({@code *} on a fallback). */
  public String scope(int row) {
    return scope[row];
  }

  /** The answering version. */
  public int version(int row) {
    return version[row];
  }

  /** On a fallback, the scope the row asked for; else null. */
  public String requestedScope(int row) {
    return requested[row];
  }

  /** Whether the global scope answered for a scope without a version of its own. */
  public boolean fallback(int row) {
    return requested[row] != null;
  }

  /** The most probable class. */
  public String label(int row) {
    return label[row];
  }

  /** The probability of class {@code index} (in the scorer's class order). */
  public double probability(int row, int index) {
    return probabilities[index][row];
  }

  /** A rejected row's column at fault, or null when no single column is. */
  public String field(int row) {
    return field[row];
  }

  /** Why a rejected row was not scored. */
  public String reason(int row) {
    return reason[row];
  }
}

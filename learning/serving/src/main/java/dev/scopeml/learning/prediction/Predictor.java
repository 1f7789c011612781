package dev.scopeml.learning.prediction;

/**
 * Class probabilities for encoded rows. Implementations are thread-safe, and the ones the scorer
 * uses on its request path allocate nothing per call.
 *
 * <p>Probabilities are written in the schema's class order; a class the model never saw in training
 * gets probability zero.
 */
public interface Predictor {

  /** Number of classes, the length of one row's probabilities. */
  int classCount();

  /** Slots in an encoded row. */
  int width();

  /**
   * Predicts one row.
   *
   * @param encodedRow {@link #width()} slots as encoded by the schema's encoder
   * @param probabilitiesOut receives {@link #classCount()} probabilities from index 0
   */
  void predict(double[] encodedRow, double[] probabilitiesOut);

  /**
   * Predicts many rows.
   *
   * @param rowsFlat row-major encoded rows, {@link #width()} slots each
   * @param rowCount how many rows to read from the start of {@code rowsFlat}
   * @param probabilitiesOut receives {@link #classCount()} probabilities per row, row-major
   */
  void predictBatch(double[] rowsFlat, int rowCount, double[] probabilitiesOut);

  /**
   * Index of the most probable class of row {@code row} of row-major probabilities (the first one
   * on a tie): the label every way of predicting answers.
   */
  static int mostProbable(double[] probabilities, int row, int classCount) {
    int offset = row * classCount;
    int best = 0;
    for (int c = 1; c < classCount; c++) {
      if (probabilities[offset + c] > probabilities[offset + best]) {
        best = c;
      }
    }
    return best;
  }
}

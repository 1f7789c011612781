package dev.scopeml.learning.smile;

import dev.scopeml.learning.prediction.Predictor;
import java.util.Arrays;

/**
 * A Smile soft classifier behind the {@link Predictor} interface. Smile writes posteriors in its
 * own class order and may keep the row it is given, so each row is copied and each posterior array
 * is fresh.
 */
final class SmilePredictor implements Predictor {

  /** One Smile prediction: a row in, the posterior of each of the model's classes out. */
  @FunctionalInterface
  interface SoftClassifier {
    void predict(double[] row, double[] posteriori);
  }

  private final SoftClassifier model;
  private final int[] classSlots;
  private final int classCount;
  private final int width;

  SmilePredictor(SoftClassifier model, int[] classSlots, int classCount, int width) {
    this.model = model;
    this.classSlots = classSlots;
    this.classCount = classCount;
    this.width = width;
  }

  @Override
  public int classCount() {
    return classCount;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void predict(double[] encodedRow, double[] probabilitiesOut) {
    predictAt(Arrays.copyOf(encodedRow, width), probabilitiesOut, 0);
  }

  @Override
  public void predictBatch(double[] rowsFlat, int rowCount, double[] probabilitiesOut) {
    for (int r = 0; r < rowCount; r++) {
      predictAt(
          Arrays.copyOfRange(rowsFlat, r * width, (r + 1) * width),
          probabilitiesOut,
          r * classCount);
    }
  }

  private void predictAt(double[] row, double[] out, int offset) {
    double[] posteriori = new double[classSlots.length];
    model.predict(row, posteriori);
    Arrays.fill(out, offset, offset + classCount, 0.0);
    for (int k = 0; k < classSlots.length; k++) {
      out[offset + classSlots[k]] = posteriori[k];
    }
  }
}

package dev.scopeml.learning.smile;

import dev.scopeml.learning.prediction.Predictor;
import java.util.Arrays;
import smile.classification.DataFrameClassifier;
import smile.data.Tuple;
import smile.data.type.StructType;

/** Tree models that Smile fits on data frames, fed one tuple per row. */
final class SmileTuplePredictor implements Predictor {

  private final DataFrameClassifier model;
  private final StructType schema;
  private final int[] classSlots;
  private final int classCount;
  private final int width;

  SmileTuplePredictor(DataFrameClassifier model, int[] classSlots, int classCount, int width) {
    this.model = model;
    this.schema = model.schema();
    this.classSlots = classSlots;
    this.classCount = classCount;
    this.width = width;
    if (schema.length() != width) {
      throw new IllegalArgumentException(
          "Smile model takes " + schema.length() + " inputs, the schema encodes " + width);
    }
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
    model.predict(Tuple.of(schema, row), posteriori);
    Arrays.fill(out, offset, offset + classCount, 0.0);
    for (int k = 0; k < classSlots.length; k++) {
      out[offset + classSlots[k]] = posteriori[k];
    }
  }
}

package dev.scopeml.learning.algorithm;

import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.Arrays;
import java.util.Objects;

/**
 * Rows encoded by {@code schema.encoder()} with their labels. The arrays are shared, not copied:
 * treat them as immutable.
 *
 * @param schema the schema the rows were encoded with
 * @param rows encoded rows, each {@code schema.width()} wide
 * @param labels per row, an index into {@code schema.classes()}
 */
public record TrainingSet(FeatureSchema schema, double[][] rows, int[] labels) {

  public TrainingSet {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(labels, "labels");
    if (rows.length != labels.length) {
      throw new IllegalArgumentException(
          rows.length + " rows but " + labels.length + " labels: need one label per row");
    }
    int width = schema.width();
    int classes = schema.classes().size();
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException(
            "row " + i + " has " + rows[i].length + " slots, the schema encodes " + width);
      }
      if (labels[i] < 0 || labels[i] >= classes) {
        throw new IllegalArgumentException(
            "row " + i + " has label index " + labels[i] + ", the schema has " + classes);
      }
    }
  }

  /** The rows at {@code indices}, in that order. */
  public TrainingSet subset(int[] indices) {
    double[][] subRows = new double[indices.length][];
    int[] subLabels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      subRows[i] = rows[indices[i]];
      subLabels[i] = labels[indices[i]];
    }
    return new TrainingSet(schema, subRows, subLabels);
  }

  /** Number of rows. */
  public int size() {
    return rows.length;
  }

  /** How many distinct classes the labels hold. */
  public int distinctLabels() {
    return (int) Arrays.stream(labels).distinct().count();
  }
}

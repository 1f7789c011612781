package dev.scopeml.bench.predictor;

import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated binary classification data set: 20 numeric features, a label that depends on them
 * non-linearly plus noise, and about 2% missing values, so trees grow to full depth.
 *
 * @param schema the features and classes
 * @param rows encoded rows with NaN for missing values
 * @param labels class index per row
 */
record BenchData(FeatureSchema schema, double[][] rows, int[] labels) {

  static final int FEATURES = 20;

  static BenchData generate(int rowCount, long seed) {
    var random = new SplittableRandom(seed);
    var features = new ArrayList<Feature>();
    for (int f = 0; f < FEATURES; f++) {
      features.add(Feature.numeric("f%02d".formatted(f), 0));
    }
    var schema =
        new FeatureSchema(features, "label", List.of("no", "yes"), MissingValues.NATIVE, null);
    double[][] rows = new double[rowCount][FEATURES];
    int[] labels = new int[rowCount];
    for (int i = 0; i < rowCount; i++) {
      double[] x = rows[i];
      for (int f = 0; f < FEATURES; f++) {
        x[f] = random.nextDouble(-2, 2);
      }
      double score =
          x[0] * x[1]
              - Math.abs(x[2])
              + Math.sin(3 * x[3])
              + 0.5 * x[4] * x[4]
              - x[5]
              + (x[6] > 0.5 ? 1 : -0.3) * x[7]
              + 0.3 * x[8] * x[9]
              + random.nextGaussian() * 0.5;
      labels[i] = score > 0 ? 1 : 0;
      for (int f = 0; f < FEATURES; f++) {
        if (random.nextDouble() < 0.02) {
          x[f] = Double.NaN;
        }
      }
    }
    return new BenchData(schema, rows, labels);
  }

  TrainingSet nativeMissing() {
    return new TrainingSet(schema, rows, labels);
  }

  /** The same rows with missing values imputed to 0 (the features' centre), for Smile. */
  TrainingSet imputed() {
    var imputedSchema =
        new FeatureSchema(schema.features(), "label", schema.classes(), MissingValues.IMPUTE, null);
    double[][] filled = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      filled[i] = rows[i].clone();
      for (int f = 0; f < FEATURES; f++) {
        if (Double.isNaN(filled[i][f])) {
          filled[i][f] = 0;
        }
      }
    }
    return new TrainingSet(imputedSchema, filled, labels);
  }
}

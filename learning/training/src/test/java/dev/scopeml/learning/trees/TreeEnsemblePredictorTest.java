package dev.scopeml.learning.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.learning.xgboost.TribuoModelPredictor;
import dev.scopeml.learning.xgboost.XGBoostEnsembles;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.classification.Label;

class TreeEnsemblePredictorTest {

  private static final double TOLERANCE = 1e-6;

  @Test
  void binaryChurnMatchesTribuoOnHoldoutWithMissingAndUnknownValues() {
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 11);
    var xgboost = Algorithms.byName("xgboost");
    FittedModel fitted = xgboost.fit(data.train(), xgboost.validate(Map.of()), 5);

    List<double[]> rows = holdoutWithGaps(data, 300);
    assertSameAsTribuo(fitted, data.schema(), rows);
  }

  @Test
  void multiClassPaymentMethodMatchesTribuo() {
    var data = TestData.prepare(TestData.telco(), "payment_method", MissingValues.NATIVE, 12);
    assertThat(data.schema().classes()).hasSize(4);
    var xgboost = Algorithms.byName("xgboost");
    FittedModel fitted =
        xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 40, "maxDepth", 5)), 9);

    List<double[]> rows = holdoutWithGaps(data, 300);
    assertSameAsTribuo(fitted, data.schema(), rows);
  }

  @Test
  void mlcChurnWithFiftyOneStatesMatchesTribuo() {
    var data = TestData.prepare(TestData.mlcChurn(), "churn", MissingValues.NATIVE, 16);
    assertThat(data.schema().features().get(0).levels()).hasSize(51);
    var xgboost = Algorithms.byName("xgboost");
    FittedModel fitted =
        xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 60, "maxDepth", 8)), 3);

    assertSameAsTribuo(fitted, data.schema(), holdoutWithGaps(data, 200));
  }

  @Test
  void batchEqualsSingleRowPrediction() {
    var data = TestData.prepare(TestData.telco(), "contract", MissingValues.NATIVE, 13);
    var xgboost = Algorithms.byName("xgboost");
    Predictor predictor =
        xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 20)), 1).predictor();
    double[][] rows = data.holdout().rows();
    int k = predictor.classCount();
    double[] batch = new double[rows.length * k];
    predictor.predictBatch(TestData.flat(rows), rows.length, batch);
    double[] single = new double[k];
    for (int i = 0; i < rows.length; i++) {
      predictor.predict(rows[i], single);
      for (int c = 0; c < k; c++) {
        assertThat(batch[i * k + c]).as("row %d class %d", i, c).isEqualTo(single[c]);
      }
    }
  }

  @Test
  void bareBinaryLogisticBoosterMatchesXGBoostIncludingEstimatedBaseScore() throws Exception {
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 14);
    double[][] train = data.train().rows();
    int width = data.schema().width();
    DMatrix matrix = dense(train, width);
    float[] labels = new float[train.length];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = data.train().labels()[i];
    }
    matrix.setLabel(labels);
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "binary:logistic");
    params.put("max_depth", 5);
    params.put("eta", 0.2);
    params.put("nthread", 1);
    params.put("seed", 3);
    Booster booster = XGBoost.train(matrix, params, 30, Map.of(), null, null);

    List<double[]> rows = holdoutWithGaps(data, 200);
    float[][] expected = booster.predict(dense(rows.toArray(double[][]::new), width));
    int[] identity = java.util.stream.IntStream.range(0, width).toArray();
    Predictor fast =
        XGBoostEnsembles.predictor(
            booster.toByteArray("ubj"), identity, width, new int[] {0, 1}, 2);

    double[] out = new double[2];
    for (int i = 0; i < rows.size(); i++) {
      fast.predict(rows.get(i), out);
      assertThat(out[1]).as("row %d", i).isCloseTo(expected[i][0], within(TOLERANCE));
      assertThat(out[0] + out[1]).isCloseTo(1.0, within(1e-12));
    }
    booster.dispose();
    matrix.dispose();
  }

  @Test
  void rowWithEveryValueMissingFollowsDefaultDirections() {
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 15);
    var xgboost = Algorithms.byName("xgboost");
    Predictor predictor =
        xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 10)), 1).predictor();
    double[] row = new double[data.schema().width()];
    java.util.Arrays.fill(row, Double.NaN);
    double[] out = new double[2];
    predictor.predict(row, out);
    assertThat(out[0] + out[1]).isCloseTo(1.0, within(1e-12));
    assertThat(out[0]).isBetween(0.0, 1.0);
  }

  @SuppressWarnings("unchecked")
  private static void assertSameAsTribuo(
      FittedModel fitted, dev.scopeml.modelstore.schema.FeatureSchema schema, List<double[]> rows) {
    Predictor fast = fitted.predictor();
    Predictor tribuo = new TribuoModelPredictor((Model<Label>) fitted.model(), schema);
    int k = schema.classes().size();
    double[] expected = new double[k];
    double[] actual = new double[k];
    double worst = 0;
    for (int i = 0; i < rows.size(); i++) {
      tribuo.predict(rows.get(i), expected);
      fast.predict(rows.get(i), actual);
      for (int c = 0; c < k; c++) {
        worst = Math.max(worst, Math.abs(expected[c] - actual[c]));
        assertThat(actual[c])
            .as("row %d class %s", i, schema.classes().get(c))
            .isCloseTo(expected[c], within(TOLERANCE));
      }
    }
    assertThat(worst).as("largest difference").isLessThan(TOLERANCE);
  }

  /**
   * Holdout rows, plus copies with values knocked out and categories the model never saw: the
   * encoder turns both into NaN slots.
   */
  private static List<double[]> holdoutWithGaps(TestData.Prepared data, int count) {
    var encoder = data.schema().encoder();
    var random = new Random(42);
    var rows = new ArrayList<double[]>();
    var features = data.schema().featureNames();
    for (int i = 0; i < Math.min(count, data.holdoutRows().size()); i++) {
      Map<String, Object> raw = data.holdoutRows().get(i);
      rows.add(encoder.encode(raw));
      var gappy = new HashMap<String, Object>(raw);
      gappy.remove(features.get(random.nextInt(features.size())));
      gappy.remove(features.get(random.nextInt(features.size())));
      rows.add(encoder.encode(gappy));
      var unknown = new HashMap<String, Object>(raw);
      for (String feature : features) {
        if (data.schema().features().get(features.indexOf(feature)).levels().size() > 0
            && random.nextInt(4) == 0) {
          unknown.put(feature, "never seen");
        }
      }
      rows.add(encoder.encode(unknown));
    }
    return rows;
  }

  private static DMatrix dense(double[][] rows, int width) throws Exception {
    float[] values = new float[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < width; j++) {
        values[i * width + j] = (float) rows[i][j];
      }
    }
    return new DMatrix(values, rows.length, width, Float.NaN);
  }
}

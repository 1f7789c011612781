package dev.scopeml.learning.reference;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.RowEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds reference samples at training time and verifies loaded predictors against them. The
 * trainer builds a version's sample with the library that fitted the model, so replaying it before
 * serving checks the scorer's own predictor against that library on the model's own rows.
 */
public final class ReferenceCheck {

  /** Tolerance for models whose loaded form computes exactly as the trained one (xgboost). */
  public static final double DEFAULT_TOLERANCE = 1e-6;

  private ReferenceCheck() {}

  /**
   * A sample of up to {@code maxRows} rows with the predictor's probabilities for them.
   *
   * @param rawRows raw rows (column to value), typically from the holdout; only the schema's
   *     feature columns are kept, and missing values are left out as a client would
   */
  public static ReferenceSample build(
      List<? extends Map<String, ?>> rawRows,
      Predictor predictor,
      RowEncoder encoder,
      int maxRows) {
    int count = Math.min(Math.max(maxRows, 0), rawRows.size());
    List<String> features = encoder.schema().featureNames();
    var rows = new ArrayList<Map<String, Object>>(count);
    double[] encoded = new double[count * encoder.width()];
    for (int i = 0; i < count; i++) {
      Map<String, ?> raw = rawRows.get(i);
      var kept = new LinkedHashMap<String, Object>();
      for (String feature : features) {
        Object value = raw.get(feature);
        if (value != null) {
          kept.put(feature, value);
        }
      }
      encoder.encode(kept, encoded, i * encoder.width());
      rows.add(kept);
    }
    // One batch: a library predictor (a native booster) pays its per-call cost once.
    int classes = predictor.classCount();
    double[] out = new double[count * classes];
    if (count > 0) {
      predictor.predictBatch(encoded, count, out);
    }
    var probabilities = new ArrayList<List<Double>>(count);
    for (int i = 0; i < count; i++) {
      var row = new ArrayList<Double>(classes);
      for (int c = 0; c < classes; c++) {
        row.add(out[i * classes + c]);
      }
      probabilities.add(row);
    }
    return new ReferenceSample(rows, probabilities);
  }

  /**
   * Replays the sample.
   *
   * @throws ReferenceMismatchException at the first probability that differs by more than {@code
   *     tolerance}, naming the row, class, expected and actual values
   */
  public static void verify(
      Predictor predictor, RowEncoder encoder, ReferenceSample sample, double tolerance) {
    List<String> classes = encoder.schema().classes();
    double[] out = new double[predictor.classCount()];
    for (int i = 0; i < sample.rows().size(); i++) {
      predictor.predict(encoder.encode(sample.rows().get(i)), out);
      List<Double> expected = sample.probabilities().get(i);
      if (expected.size() != out.length) {
        throw new ReferenceMismatchException(i, "<class count>", expected.size(), out.length);
      }
      for (int c = 0; c < out.length; c++) {
        double want = expected.get(c);
        if (!(Math.abs(want - out[c]) <= tolerance)) {
          throw new ReferenceMismatchException(
              i, c < classes.size() ? classes.get(c) : "#" + c, want, out[c]);
        }
      }
    }
  }
}

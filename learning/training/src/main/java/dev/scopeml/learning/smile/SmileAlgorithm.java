package dev.scopeml.learning.smile;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.ParameterSpace;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Map;
import smile.classification.Classifier;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.data.vector.ValueVector;

/**
 * What the Smile algorithms share: rows imputed (Smile cannot take NaN), at least two classes, and
 * the fitted model encoded once in the format the scorer reads.
 */
abstract sealed class SmileAlgorithm implements Algorithm
    permits SmileGradientBoosting, SmileRandomForest, SmileLogisticRegression {

  /** The label's column in {@link #frame}; features are {@code x0}, {@code x1}, … by slot. */
  static final String LABEL = "y";

  /** Columns named by slot position, so no encoded name can clash with Smile's formula syntax. */
  static final Formula FORMULA = Formula.lhs(LABEL);

  private final String name;
  private final ParameterSpace parameters;

  SmileAlgorithm(String name, ParameterSpace parameters) {
    this.name = name;
    this.parameters = parameters;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final ParameterSpace parameters() {
    return parameters;
  }

  @Override
  public final MissingValues missingValues() {
    return MissingValues.IMPUTE;
  }

  @Override
  public final FittedModel fit(TrainingSet data, Map<String, Object> params, long seed) {
    if (data.schema().missing() != MissingValues.IMPUTE) {
      throw new IllegalArgumentException(
          name + " needs rows encoded with MissingValues.IMPUTE: Smile cannot take NaN");
    }
    if (data.distinctLabels() < 2) {
      throw new IllegalArgumentException(name + " needs at least two classes in the training set");
    }
    Classifier<?> model = fitModel(data, params, seed);
    // The scorer's Smile predictor is Smile's own classifier: it is the library's prediction too.
    Predictor predictor = SmileFormat.predictor(model, data.schema());
    return new FittedModel(
        SmileFormat.ID, SmileFormat.encode(model), model, predictor, predictor, library());
  }

  /** Fits Smile's model on imputed rows of at least two classes. */
  abstract Classifier<?> fitModel(TrainingSet data, Map<String, Object> params, long seed);

  /** The training set as a Smile data frame. */
  static DataFrame frame(TrainingSet data) {
    int width = data.schema().width();
    var columns = new ValueVector[width + 1];
    for (int j = 0; j < width; j++) {
      double[] column = new double[data.size()];
      for (int i = 0; i < column.length; i++) {
        column[i] = data.rows()[i][j];
      }
      columns[j] = new DoubleVector("x" + j, column);
    }
    columns[width] = new IntVector(LABEL, data.labels().clone());
    return new DataFrame(columns);
  }

  private static String library() {
    String version = Classifier.class.getPackage().getImplementationVersion();
    return "smile " + (version == null ? "unknown" : version);
  }
}

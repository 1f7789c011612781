package dev.scopeml.learning.smile;

import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.modelstore.schema.MissingValues;
import smile.classification.Classifier;
import smile.data.DataFrame;
import smile.data.formula.Formula;
import smile.data.vector.DoubleVector;
import smile.data.vector.IntVector;
import smile.data.vector.ValueVector;

/**
 * Training sets as Smile data frames. Columns are named by slot position ({@code x0}, {@code x1},
 * …) and the label {@code y}, so no encoded name can clash with Smile's formula syntax.
 */
final class SmileFrames {

  static final String LABEL = "y";
  static final Formula FORMULA = Formula.lhs(LABEL);

  private SmileFrames() {}

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

  static void requireImputed(TrainingSet data, String algorithm) {
    if (data.schema().missing() != MissingValues.IMPUTE) {
      throw new IllegalArgumentException(
          algorithm + " needs rows encoded with MissingValues.IMPUTE: Smile cannot take NaN");
    }
    if (data.distinctLabels() < 2) {
      throw new IllegalArgumentException(
          algorithm + " needs at least two classes in the training set");
    }
  }

  /** A fitted Smile model, encoded once in the format the scorer reads. */
  static FittedModel fitted(Classifier<?> model, TrainingSet data) {
    return new FittedModel(
        SmileFormat.ID,
        SmileFormat.encode(model),
        model,
        SmileFormat.predictor(model, data.schema()),
        library());
  }

  private static String library() {
    String version = Classifier.class.getPackage().getImplementationVersion();
    return "smile " + (version == null ? "unknown" : version);
  }
}

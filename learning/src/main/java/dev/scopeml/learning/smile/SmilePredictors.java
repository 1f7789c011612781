package dev.scopeml.learning.smile;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.schema.FeatureSchema;
import smile.classification.Classifier;
import smile.classification.DataFrameClassifier;
import smile.classification.LogisticRegression;

/** Predictors for decoded Smile models. */
public final class SmilePredictors {

  private SmilePredictors() {}

  /** Whether {@code artifact} is a Smile model this package can predict with. */
  public static boolean accepts(Object artifact) {
    return artifact instanceof DataFrameClassifier || artifact instanceof LogisticRegression;
  }

  /**
   * A predictor for a Smile model trained on rows of {@code schema}.
   *
   * @throws IllegalArgumentException if the model is not a soft classifier of this package's kinds
   *     or its classes are not indices of the schema's classes
   */
  public static Predictor create(Object artifact, FeatureSchema schema) {
    if (!(artifact instanceof Classifier<?> classifier) || !classifier.isSoft()) {
      throw new IllegalArgumentException("not a Smile soft classifier: " + artifact);
    }
    int classCount = schema.classes().size();
    int[] classSlots = classifier.classes();
    for (int slot : classSlots) {
      if (slot < 0 || slot >= classCount) {
        throw new IllegalArgumentException(
            "Smile model predicts class " + slot + ", the schema has " + classCount);
      }
    }
    return switch (artifact) {
      case DataFrameClassifier frame ->
          new SmileTuplePredictor(frame, classSlots, classCount, schema.width());
      case LogisticRegression logit ->
          new SmileVectorPredictor(logit, classSlots, classCount, schema.width());
      default -> throw new IllegalArgumentException("unsupported Smile model " + artifact);
    };
  }
}

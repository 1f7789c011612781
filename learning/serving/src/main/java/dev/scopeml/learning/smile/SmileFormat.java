package dev.scopeml.learning.smile;

import dev.scopeml.learning.prediction.ModelFormat;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.artifact.JavaSerializationCodec;
import dev.scopeml.modelstore.schema.FeatureSchema;
import java.util.List;
import smile.classification.Classifier;
import smile.classification.DataFrameClassifier;
import smile.classification.LogisticRegression;
import smile.data.Tuple;
import smile.data.type.StructType;

/**
 * The {@code smile-java} artifact format: Java serialization, decoded only through an allow-list of
 * the classes that Smile's gradient boosting, random forest and logistic regression models are made
 * of. Everything else, including other Smile classes, is refused before it is instantiated.
 */
public final class SmileFormat implements ModelFormat {

  public static final String ID = "smile-java";

  /**
   * The classes a serialized Smile model of this package may contain, as {@link
   * java.io.ObjectInputFilter} patterns: exact class names, no wildcards. Array types are checked
   * by their element class; primitive arrays pass.
   */
  public static final List<String> ALLOWED =
      List.of(
          "smile.classification.AbstractClassifier",
          "smile.classification.GradientTreeBoost",
          "smile.classification.RandomForest",
          "smile.classification.RandomForest$Model",
          "smile.classification.DecisionTree",
          "smile.classification.LogisticRegression",
          "smile.classification.LogisticRegression$Binomial",
          "smile.classification.LogisticRegression$Multinomial",
          "smile.regression.RegressionTree",
          "smile.model.cart.CART",
          "smile.model.cart.InternalNode",
          "smile.model.cart.OrdinalNode",
          "smile.model.cart.LeafNode",
          "smile.model.cart.DecisionNode",
          "smile.model.cart.RegressionNode",
          "smile.model.cart.SplitRule",
          "smile.data.formula.Formula",
          "smile.data.formula.Term",
          "smile.data.formula.Variable",
          "smile.data.type.StructType",
          "smile.data.type.StructField",
          "smile.data.type.DataType$ID",
          "smile.data.type.PrimitiveType",
          "smile.data.type.DoubleType",
          "smile.data.type.IntType",
          "smile.util.IntSet",
          "smile.validation.ClassificationMetrics",
          // The JDK types those classes hold: boxed numbers, enums, and the collections inside
          // Smile's formula and class-label set; Object only ever as an array element type.
          "java.lang.Object",
          "java.lang.Number",
          "java.lang.Integer",
          "java.lang.Enum",
          "java.util.ArrayList",
          "java.util.HashMap",
          "java.util.Map$Entry");

  private static final JavaSerializationCodec<Classifier<?>> CODEC = codec();

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Predictor predictor(byte[] payload, FeatureSchema schema) {
    return predictor(decode(payload), schema);
  }

  /** The bytes {@link #decode} reads back. */
  public static byte[] encode(Classifier<?> model) {
    return CODEC.encode(model);
  }

  /**
   * A stored Smile model, decoded under {@link #ALLOWED}.
   *
   * @throws dev.scopeml.modelstore.artifact.ArtifactException for anything else
   */
  public static Classifier<?> decode(byte[] payload) {
    return CODEC.decode(payload);
  }

  /**
   * A predictor for a Smile model trained on rows of {@code schema}.
   *
   * @throws IllegalArgumentException if the model is not a soft classifier of this package's kinds
   *     or its classes are not indices of the schema's classes
   */
  public static Predictor predictor(Object model, FeatureSchema schema) {
    if (!(model instanceof Classifier<?> classifier) || !classifier.isSoft()) {
      throw new IllegalArgumentException("not a Smile soft classifier: " + model);
    }
    int classCount = schema.classes().size();
    int[] classSlots = classifier.classes();
    for (int slot : classSlots) {
      if (slot < 0 || slot >= classCount) {
        throw new IllegalArgumentException(
            "Smile model predicts class " + slot + ", the schema has " + classCount);
      }
    }
    int width = schema.width();
    return switch (model) {
      case DataFrameClassifier frame -> {
        StructType inputs = frame.schema();
        if (inputs.length() != width) {
          throw new IllegalArgumentException(
              "Smile model takes " + inputs.length() + " inputs, the schema encodes " + width);
        }
        yield new SmilePredictor(
            (row, posteriori) -> frame.predict(Tuple.of(inputs, row), posteriori),
            classSlots,
            classCount,
            width);
      }
      case LogisticRegression logit ->
          new SmilePredictor(logit::predict, classSlots, classCount, width);
      default -> throw new IllegalArgumentException("unsupported Smile model " + model);
    };
  }

  private static JavaSerializationCodec<Classifier<?>> codec() {
    @SuppressWarnings("unchecked")
    Class<Classifier<?>> type = (Class<Classifier<?>>) (Class<?>) Classifier.class;
    return new JavaSerializationCodec<>(ID, type, ALLOWED);
  }
}

package dev.scopeml.learning.smile;

import dev.scopeml.modelstore.artifact.JavaSerializationCodec;
import java.util.List;
import smile.classification.Classifier;

/**
 * The {@code smile-java} artifact format: Java serialization, decoded only through an allow-list of
 * the classes that Smile's gradient boosting, random forest and logistic regression models are made
 * of. Everything else, including other Smile classes, is refused before it is instantiated.
 */
public final class SmileCodec {

  public static final String FORMAT = "smile-java";

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

  private SmileCodec() {}

  /** A codec for Smile classifiers under {@link #ALLOWED}. */
  public static JavaSerializationCodec<Classifier<?>> create() {
    @SuppressWarnings("unchecked")
    Class<Classifier<?>> type = (Class<Classifier<?>>) (Class<?>) Classifier.class;
    return new JavaSerializationCodec<>(FORMAT, type, ALLOWED);
  }
}

package dev.scopeml.learning.smile;

import dev.scopeml.learning.prediction.ModelFormat;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.artifact.ArtifactException;
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

  /**
   * What a stored Smile model may claim, sized from the largest models the tests fit (measured with
   * the filter's own counters: a 500-tree forest grown to depth 64 on the bundled data sets holds
   * arrays of at most 500 elements, nests 46 objects deep and holds 0.8 million references in 18.7
   * MB) and scaled to the parameter bounds the trainer accepts (10,000 trees, so 20 times the
   * references), with the margins in each line below. A header claiming more is refused before it
   * is allocated.
   */
  static final JavaSerializationCodec.Limits LIMITS =
      new JavaSerializationCodec.Limits(
          // Longest arrays: the tree array (10,000 trees) or a weight row (one per encoded slot).
          1_000_000,
          // Depth 46 at maxDepth 64 (the bound): 200 is four times that.
          200,
          // 0.8 M references for 500 deep trees, so 16 M for 10,000: 25 % more.
          20_000_000,
          // 18.7 MB for 500 deep trees, so ~375 MB for 10,000: about 40 % more.
          512L * 1024 * 1024);

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
    SmileModelCheck.check(classifier, width, classSlots.length);
    Predictor predictor =
        switch (model) {
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
    probe(predictor);
    return predictor;
  }

  /**
   * One prediction of a row of zeros: what a model binds once for every row (its formula's columns)
   * fails here, at load, rather than on the first request.
   */
  private static void probe(Predictor predictor) {
    try {
      predictor.predict(new double[predictor.width()], new double[predictor.classCount()]);
    } catch (RuntimeException e) {
      throw new ArtifactException("Smile model cannot predict: " + e, e);
    }
  }

  private static JavaSerializationCodec<Classifier<?>> codec() {
    @SuppressWarnings("unchecked")
    Class<Classifier<?>> type = (Class<Classifier<?>>) (Class<?>) Classifier.class;
    return new JavaSerializationCodec<>(ID, type, ALLOWED, LIMITS);
  }
}

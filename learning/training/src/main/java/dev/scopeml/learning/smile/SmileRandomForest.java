package dev.scopeml.learning.smile;

import static dev.scopeml.learning.algorithm.ParameterSpace.doubleValue;
import static dev.scopeml.learning.algorithm.ParameterSpace.intValue;

import dev.scopeml.learning.algorithm.InvalidParametersException;
import dev.scopeml.learning.algorithm.Parameter;
import dev.scopeml.learning.algorithm.ParameterSpace;
import dev.scopeml.learning.algorithm.TrainingSet;
import java.util.Map;
import java.util.SplittableRandom;
import smile.classification.Classifier;
import smile.classification.RandomForest;
import smile.model.cart.SplitRule;

/** Smile's random forest ({@code smile-rf}); {@code mtry} 0 means the square root of the width. */
public final class SmileRandomForest extends SmileAlgorithm {

  public SmileRandomForest() {
    super(
        "smile-rf",
        ParameterSpace.of(
            Parameter.integer("trees", 200, 1, 10_000),
            Parameter.integer("mtry", 0, 0, 100_000),
            Parameter.integer("maxDepth", 20, 2, 64),
            Parameter.integer("maxNodes", 0, 0, 1_000_000),
            Parameter.integer("nodeSize", 5, 1, 100_000),
            Parameter.positive("subsample", 1.0, 0.0, 1.0)));
  }

  @Override
  public Map<String, Object> validate(Map<String, Object> params) {
    Map<String, Object> validated = parameters().validate(params);
    if (intValue(validated, "maxNodes") == 1) {
      throw new InvalidParametersException(
          "maxNodes", "parameter 'maxNodes' must be 0 (automatic) or at least 2, got 1");
    }
    return validated;
  }

  @Override
  Classifier<?> fitModel(TrainingSet data, Map<String, Object> params, long seed) {
    int trees = intValue(params, "trees");
    int mtry = intValue(params, "mtry");
    if (mtry > data.schema().width()) {
      throw new InvalidParametersException(
          "mtry",
          "parameter 'mtry' must be at most the encoded width "
              + data.schema().width()
              + ", got "
              + mtry);
    }
    // Trees grow in parallel; a seed per tree keeps the forest independent of thread scheduling.
    long[] seeds = new SplittableRandom(seed).longs(trees).toArray();
    var options =
        new RandomForest.Options(
            trees,
            mtry,
            SplitRule.GINI,
            intValue(params, "maxDepth"),
            intValue(params, "maxNodes"),
            intValue(params, "nodeSize"),
            doubleValue(params, "subsample"),
            null,
            seeds,
            null);
    return RandomForest.fit(FORMULA, frame(data), options);
  }
}

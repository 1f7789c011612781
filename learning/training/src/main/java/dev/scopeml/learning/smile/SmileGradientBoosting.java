package dev.scopeml.learning.smile;

import static dev.scopeml.learning.algorithm.ParameterSpace.doubleValue;
import static dev.scopeml.learning.algorithm.ParameterSpace.intValue;

import dev.scopeml.learning.algorithm.Parameter;
import dev.scopeml.learning.algorithm.ParameterSpace;
import dev.scopeml.learning.algorithm.TrainingSet;
import java.util.Map;
import smile.classification.Classifier;
import smile.classification.GradientTreeBoost;
import smile.math.MathEx;

/** Smile's gradient tree boosting ({@code smile-gbm}). */
public final class SmileGradientBoosting extends SmileAlgorithm {

  public SmileGradientBoosting() {
    super(
        "smile-gbm",
        ParameterSpace.of(
            Parameter.integer("trees", 100, 1, 10_000),
            Parameter.integer("maxDepth", 6, 2, 20),
            Parameter.integer("maxNodes", 32, 2, 10_000),
            Parameter.integer("nodeSize", 5, 1, 100_000),
            Parameter.positive("shrinkage", 0.1, 0.0, 1.0),
            Parameter.positive("subsample", 0.7, 0.0, 1.0)));
  }

  @Override
  Classifier<?> fitModel(TrainingSet data, Map<String, Object> params, long seed) {
    var options =
        new GradientTreeBoost.Options(
            intValue(params, "trees"),
            intValue(params, "maxDepth"),
            intValue(params, "maxNodes"),
            intValue(params, "nodeSize"),
            doubleValue(params, "shrinkage"),
            doubleValue(params, "subsample"),
            null,
            null);
    // Subsampling draws from Smile's per-thread generator, on this thread.
    MathEx.setSeed(seed);
    return GradientTreeBoost.fit(FORMULA, frame(data), options);
  }
}

package dev.scopeml.learning.smile;

import static dev.scopeml.learning.algorithm.ParameterSpace.doubleValue;
import static dev.scopeml.learning.algorithm.ParameterSpace.intValue;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.Parameter;
import dev.scopeml.learning.algorithm.ParameterSpace;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Map;
import smile.classification.GradientTreeBoost;
import smile.math.MathEx;

/** Smile's gradient tree boosting ({@code smile-gbm}). */
public final class SmileGradientBoosting implements Algorithm {

  static final String NAME = "smile-gbm";

  private static final ParameterSpace PARAMETERS =
      ParameterSpace.of(
          Parameter.integer("trees", 100, 1, 10_000),
          Parameter.integer("maxDepth", 6, 2, 20),
          Parameter.integer("maxNodes", 32, 2, 10_000),
          Parameter.integer("nodeSize", 5, 1, 100_000),
          Parameter.positive("shrinkage", 0.1, 0.0, 1.0),
          Parameter.positive("subsample", 0.7, 0.0, 1.0));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> validate(Map<String, Object> params) {
    return PARAMETERS.validate(params);
  }

  @Override
  public MissingValues missingValues() {
    return MissingValues.IMPUTE;
  }

  @Override
  public FittedModel fit(TrainingSet data, Map<String, Object> validatedParams, long seed) {
    SmileFrames.requireImputed(data, NAME);
    Map<String, Object> p = PARAMETERS.validate(validatedParams);
    var options =
        new GradientTreeBoost.Options(
            intValue(p, "trees"),
            intValue(p, "maxDepth"),
            intValue(p, "maxNodes"),
            intValue(p, "nodeSize"),
            doubleValue(p, "shrinkage"),
            doubleValue(p, "subsample"),
            null,
            null);
    // Subsampling draws from Smile's per-thread generator, on this thread.
    MathEx.setSeed(seed);
    GradientTreeBoost model =
        GradientTreeBoost.fit(SmileFrames.FORMULA, SmileFrames.frame(data), options);
    return SmileFrames.fitted(model, data);
  }
}

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
import smile.classification.LogisticRegression;

/**
 * Smile's L2-regularized logistic regression ({@code smile-logit}), binomial or multinomial. It is
 * deterministic, so the seed changes nothing.
 */
public final class SmileLogisticRegression implements Algorithm {

  static final String NAME = "smile-logit";

  private static final ParameterSpace PARAMETERS =
      ParameterSpace.of(
          Parameter.real("lambda", 0.1, 0.0, 1e6),
          Parameter.positive("tolerance", 1e-5, 0.0, 0.1),
          Parameter.integer("maxIterations", 500, 1, 100_000));

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
        new LogisticRegression.Options(
            doubleValue(p, "lambda"), doubleValue(p, "tolerance"), intValue(p, "maxIterations"));
    LogisticRegression model = LogisticRegression.fit(data.rows(), data.labels(), options);
    return SmileFrames.fitted(model, data);
  }
}

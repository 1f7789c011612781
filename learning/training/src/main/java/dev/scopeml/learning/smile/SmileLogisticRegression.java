package dev.scopeml.learning.smile;

import static dev.scopeml.learning.algorithm.ParameterSpace.doubleValue;
import static dev.scopeml.learning.algorithm.ParameterSpace.intValue;

import dev.scopeml.learning.algorithm.Parameter;
import dev.scopeml.learning.algorithm.ParameterSpace;
import dev.scopeml.learning.algorithm.TrainingSet;
import java.util.Map;
import smile.classification.Classifier;
import smile.classification.LogisticRegression;

/**
 * Smile's L2-regularized logistic regression ({@code smile-logit}), binomial or multinomial. It is
 * deterministic, so the seed changes nothing.
 */
public final class SmileLogisticRegression extends SmileAlgorithm {

  public SmileLogisticRegression() {
    super(
        "smile-logit",
        ParameterSpace.of(
            Parameter.real("lambda", 0.1, 0.0, 1e6),
            Parameter.positive("tolerance", 1e-5, 0.0, 0.1),
            Parameter.integer("maxIterations", 500, 1, 100_000)));
  }

  @Override
  Classifier<?> fitModel(TrainingSet data, Map<String, Object> params, long seed) {
    var options =
        new LogisticRegression.Options(
            doubleValue(params, "lambda"),
            doubleValue(params, "tolerance"),
            intValue(params, "maxIterations"));
    return LogisticRegression.fit(data.rows(), data.labels(), options);
  }
}

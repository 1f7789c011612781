package dev.scopeml.learning.algorithm;

import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Map;

/**
 * A classification learning algorithm, the training half of an algorithm plugin: its package also
 * holds the {@link dev.scopeml.learning.prediction.ModelFormat} that serves what it stores, and it
 * is registered once, in {@code META-INF/services/dev.scopeml.learning.algorithm.Algorithm}.
 * Implementations are stateless and thread-safe: the trainer fits many scopes in parallel with one
 * instance.
 */
public interface Algorithm {

  /** The name runs refer to it by, e.g. {@code xgboost}. */
  String name();

  /** The hyperparameters it takes, with defaults and ranges. */
  ParameterSpace parameters();

  /**
   * Checks hyperparameters and fills in defaults.
   *
   * @param params hyperparameters by name; numbers only, integers may be given as whole doubles
   * @return every hyperparameter of the algorithm, normalized, in a stable order
   * @throws InvalidParametersException naming the parameter and its allowed range, for unknown
   *     names, wrong types and out-of-range values
   */
  default Map<String, Object> validate(Map<String, Object> params) {
    return parameters().validate(params);
  }

  /** How rows must be encoded for this algorithm. */
  MissingValues missingValues();

  /**
   * Fits a model.
   *
   * @param data encoded rows under a schema whose {@link MissingValues} is {@link #missingValues()}
   * @param params the result of {@link #validate}, taken as it is: parameters are validated once,
   *     when a run is planned
   * @param seed fixes every random choice: same data, parameters and seed give the same model
   * @throws IllegalArgumentException if the data has fewer than two classes or the wrong encoding
   */
  FittedModel fit(TrainingSet data, Map<String, Object> params, long seed);
}

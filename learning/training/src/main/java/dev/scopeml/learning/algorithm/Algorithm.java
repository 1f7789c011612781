package dev.scopeml.learning.algorithm;

import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Map;

/**
 * A classification learning algorithm. Implementations are stateless and thread-safe: the trainer
 * fits many scopes in parallel with one instance.
 */
public interface Algorithm {

  /** The name runs refer to it by, e.g. {@code xgboost}. */
  String name();

  /**
   * Checks hyperparameters and fills in defaults.
   *
   * @param params hyperparameters by name; numbers only, integers may be given as whole doubles
   * @return every hyperparameter of the algorithm, normalized, in a stable order
   * @throws InvalidParametersException naming the parameter and its allowed range, for unknown
   *     names, wrong types and out-of-range values
   */
  Map<String, Object> validate(Map<String, Object> params);

  /**
   * Fits a model.
   *
   * @param data encoded rows under a schema whose {@link MissingValues} is {@link #missingValues()}
   * @param validatedParams the result of {@link #validate}
   * @param seed fixes every random choice: same data, parameters and seed give the same model
   * @throws IllegalArgumentException if the data has fewer than two classes or the wrong encoding
   */
  FittedModel fit(TrainingSet data, Map<String, Object> validatedParams, long seed);

  /** How rows must be encoded for this algorithm. */
  MissingValues missingValues();
}

package dev.scopeml.learning.algorithm;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;

/**
 * A freshly trained model.
 *
 * @param format the id of the {@link dev.scopeml.learning.prediction.ModelFormat} that reads it
 * @param payload the model as that format stores it, encoded once when it was fitted
 * @param model the library's own model object (Tribuo's, Smile's), for its own predictions
 * @param predictor predicts exactly as the predictor the scorer builds from {@code payload}
 * @param libraryPredictor predicts with the library that fitted the model (xgboost's own booster
 *     through Tribuo, Smile's own classifier): the reference every served version is checked
 *     against, so the scorer's predictor is proved to agree with the library on each model
 * @param library the libraries and versions that trained it, e.g. {@code tribuo 4.3.2 / xgboost4j
 *     3.0.4}
 */
public record FittedModel(
    String format,
    byte[] payload,
    Object model,
    Predictor predictor,
    Predictor libraryPredictor,
    String library) {

  /** The envelope to store. */
  public ArtifactEnvelope envelope() {
    return new ArtifactEnvelope(format, payload);
  }
}

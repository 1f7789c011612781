package dev.scopeml.learning.algorithm;

import dev.scopeml.learning.prediction.Predictor;

/**
 * A freshly trained model.
 *
 * @param format the artifact format id, as known to {@code LearningCodecs.artifactCodecs()}
 * @param artifact what to pass to {@code ArtifactCodecs.wrap(format, artifact)}
 * @param predictor predicts exactly as a predictor built from the stored artifact will
 * @param library the libraries and versions that trained it, e.g. {@code tribuo 4.3.2 / xgboost4j
 *     3.0.4}
 */
public record FittedModel(String format, Object artifact, Predictor predictor, String library) {}

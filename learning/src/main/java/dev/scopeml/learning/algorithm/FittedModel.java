package dev.scopeml.learning.algorithm;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.artifact.ArtifactCodecs;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;

/**
 * A freshly trained model.
 *
 * @param format the artifact format id, as known to {@code LearningCodecs.artifactCodecs()}
 * @param artifact what to pass to {@code ArtifactCodecs.wrap(format, artifact)}
 * @param predictor predicts exactly as a predictor built from the stored artifact will
 * @param library the libraries and versions that trained it, e.g. {@code tribuo 4.3.2 / xgboost4j
 *     3.0.4}
 * @param encoded the artifact as its codec encodes it, when fitting encoded it already (to build
 *     the predictor from the stored form), else null
 */
public record FittedModel(
    String format, Object artifact, Predictor predictor, String library, byte[] encoded) {

  /** A model whose artifact is encoded only when it is stored. */
  public FittedModel(String format, Object artifact, Predictor predictor, String library) {
    this(format, artifact, predictor, library, null);
  }

  /** The envelope to store: the artifact encoded by its codec, once. */
  public ArtifactEnvelope envelope(ArtifactCodecs codecs) {
    return encoded != null ? new ArtifactEnvelope(format, encoded) : codecs.wrap(format, artifact);
  }
}

package dev.scopeml.learning.servable;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.learning.reference.ReferenceCheck;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.VersionArtifact;

/** Verifies a stored version and opens it for serving. */
public final class ServableModels {

  private ServableModels() {}

  /**
   * Opens {@code stored}: the envelope's SHA-256 against the version's, its format against the
   * version row's, the payload through {@code formats}, then the version's reference rows replayed
   * through the decoded predictor.
   *
   * @throws RefusedVersionException if any check fails
   */
  public static ServableModel open(VersionArtifact stored, ModelFormats formats) {
    ModelVersion meta = stored.version();
    Predictor predictor;
    try {
      ArtifactEnvelope envelope = ArtifactEnvelope.open(stored.bytes(), meta.sha256());
      if (!envelope.format().equals(meta.format())) {
        // The digest covers the payload only: the format id is checked against the version row.
        throw new ArtifactException(
            "artifact format '" + envelope.format() + "' is not the recorded " + meta.format());
      }
      predictor = formats.predictor(envelope, meta.schema());
    } catch (ArtifactException e) {
      throw new RefusedVersionException(RefusedVersionException.Reason.ARTIFACT, e);
    } catch (IllegalArgumentException e) {
      throw new RefusedVersionException(RefusedVersionException.Reason.UNSUPPORTED, e);
    }
    var encoder = meta.schema().encoder();
    try {
      ReferenceCheck.verify(predictor, encoder, meta.reference(), ReferenceCheck.DEFAULT_TOLERANCE);
    } catch (RuntimeException e) {
      // A mismatch, a row that no longer encodes, or a model that cannot even predict its own
      // reference rows: broken, not briefly away.
      throw new RefusedVersionException(RefusedVersionException.Reason.REFERENCE, e);
    }
    return new ServableModel(meta, encoder, predictor);
  }
}

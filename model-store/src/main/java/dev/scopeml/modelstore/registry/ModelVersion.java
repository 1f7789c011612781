package dev.scopeml.modelstore.registry;

import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.time.Instant;
import java.util.Map;

/**
 * A stored version, without its artifact bytes ({@link ModelStore#artifact} fetches those).
 *
 * @param model the family
 * @param scope the scope
 * @param version number, increasing per (model, scope), never reused
 * @param format artifact format id
 * @param algorithm algorithm name
 * @param hyperparameters validated hyperparameters
 * @param metrics holdout metrics
 * @param schema the schema it was trained with
 * @param reference reference predictions to verify before serving
 * @param provenance where it came from
 * @param sha256 SHA-256 of the artifact payload
 * @param artifactBytes size of the stored artifact
 * @param createdAt when it was stored
 * @param active whether it is the scope's active version at the time it was read
 */
public record ModelVersion(
    String model,
    ScopeKey scope,
    int version,
    String format,
    String algorithm,
    Map<String, Object> hyperparameters,
    Map<String, Double> metrics,
    FeatureSchema schema,
    ReferenceSample reference,
    Provenance provenance,
    String sha256,
    int artifactBytes,
    Instant createdAt,
    boolean active)
    implements java.io.Serializable {

  /** This version as it reads once its active state is {@code active}. */
  public ModelVersion withActive(boolean active) {
    return new ModelVersion(
        model,
        scope,
        version,
        format,
        algorithm,
        hyperparameters,
        metrics,
        schema,
        reference,
        provenance,
        sha256,
        artifactBytes,
        createdAt,
        active);
  }
}

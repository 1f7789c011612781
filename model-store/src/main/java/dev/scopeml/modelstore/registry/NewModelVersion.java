package dev.scopeml.modelstore.registry;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.Map;
import java.util.Objects;

/**
 * A version to store; the store assigns its number.
 *
 * @param model the family
 * @param scope the scope it serves
 * @param algorithm the algorithm name
 * @param hyperparameters validated hyperparameters
 * @param metrics holdout metrics
 * @param schema the exact schema the model was trained with
 * @param reference holdout rows with reference predictions, verified before serving
 * @param provenance where it came from; its run id makes saving idempotent per run
 * @param artifact the model bytes
 */
public record NewModelVersion(
    String model,
    ScopeKey scope,
    String algorithm,
    Map<String, Object> hyperparameters,
    Map<String, Double> metrics,
    FeatureSchema schema,
    ReferenceSample reference,
    Provenance provenance,
    ArtifactEnvelope artifact) {

  public NewModelVersion {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(provenance, "provenance");
    Objects.requireNonNull(artifact, "artifact");
    hyperparameters = Map.copyOf(hyperparameters);
    metrics = Map.copyOf(metrics);
    reference = reference == null ? ReferenceSample.empty() : reference;
  }
}

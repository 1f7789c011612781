package dev.scopeml.testsupport.models;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Small families and versions for tests of the registry and the model cache, and for measuring the
 * store: no model is trained, and the artifact bytes are opaque to the store (the scorer cannot
 * load them; {@link TelcoModel} is the fixture to serve).
 */
public final class StoredModels {

  private StoredModels() {}

  public static FeatureSchema schema() {
    return new FeatureSchema(
        List.of(
            Feature.numeric("tenure", 29),
            Feature.categorical("internet_service", List.of("DSL", "Fiber optic", "No"))),
        "churn",
        List.of("No", "Yes"),
        null,
        null);
  }

  public static ModelFamily family(String name) {
    return ModelFamily.of(name, List.of("contract"), schema());
  }

  public static NewModelVersion version(String model, ScopeKey scope, UUID runId, double auc) {
    return new NewModelVersion(
        model,
        scope,
        "xgboost",
        Map.of("trees", 10, "eta", 0.3),
        Map.of("auc", auc),
        schema(),
        new ReferenceSample(
            List.of(Map.of("tenure", 3, "internet_service", "DSL")), List.of(List.of(0.7, 0.3))),
        new Provenance(runId, "telco_churn.csv", 100, 25, Instant.now(), "test", "25"),
        new ArtifactEnvelope(
            "opaque", ("model " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8)));
  }
}

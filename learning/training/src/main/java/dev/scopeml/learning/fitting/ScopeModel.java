package dev.scopeml.learning.fitting;

import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.schema.ScopeSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A scope's fitted and evaluated model, ready to store.
 *
 * @param split the rows it was fitted and evaluated on
 * @param schema its schema, and the features it dropped
 * @param fitted the model, its predictor and its stored form
 * @param evaluation its holdout metrics and reference sample
 * @param algorithm the algorithm's name
 * @param params the hyperparameters it was fitted with
 */
public record ScopeModel(
    ScopeSplit split,
    ScopeSchema schema,
    FittedModel fitted,
    Evaluation evaluation,
    String algorithm,
    Map<String, Object> params) {

  /**
   * The version to store.
   *
   * @param runId the run that trained it, which makes storing it idempotent; null for none
   * @param source where its rows came from, as provenance
   */
  public NewModelVersion version(
      String model, ScopeKey scope, UUID runId, String source, Instant trainedAt) {
    return new NewModelVersion(
        model,
        scope,
        algorithm,
        params,
        evaluation.metrics(),
        schema.schema(),
        evaluation.reference(),
        new Provenance(
            runId,
            source,
            split.trainRows().length,
            split.holdoutRows().length,
            trainedAt,
            fitted.library(),
            Runtime.version().toString()),
        fitted.envelope());
  }
}

package dev.scopeml.bench.manymodels;

import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.reference.ReferenceCheck;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Saves fitted models as new versions of a scope, the way the trainer stores them. */
final class VersionWriter {

  private final JdbcModelStore store;
  private final String model;
  private final FeatureSchema schema;
  private final Map<String, Object> params;
  private final String source;

  /**
   * @param store the registry
   * @param model the model family, already registered
   * @param schema the schema every version is trained with
   * @param params the validated xgboost parameters
   * @param source the data source named in the provenance
   */
  VersionWriter(
      JdbcModelStore store,
      String model,
      FeatureSchema schema,
      Map<String, Object> params,
      String source) {
    this.store = store;
    this.model = model;
    this.schema = schema;
    this.params = params;
    this.source = source;
  }

  /** The trainer's default number of reference rows stored with a version. */
  static final int REFERENCE_ROWS = 20;

  /**
   * Up to {@link #REFERENCE_ROWS} of {@code rows} with the fitting library's probabilities for
   * them, as the trainer stores with every version; the scorer replays them before serving, so
   * loads in the figures pay for that check as they do in production.
   */
  ReferenceSample reference(List<? extends Map<String, ?>> rows, FittedModel fitted) {
    return ReferenceCheck.build(rows, fitted.libraryPredictor(), schema.encoder(), REFERENCE_ROWS);
  }

  /** Saves {@code artifact} as the next version of {@code scope}; returns its number. */
  int save(
      ScopeKey scope,
      ArtifactEnvelope artifact,
      ReferenceSample reference,
      String library,
      long rows) {
    return store
        .saveVersion(
            new NewModelVersion(
                model,
                scope,
                "xgboost",
                params,
                Map.of(),
                schema,
                reference,
                new Provenance(
                    null, source, rows, 0, Instant.now(), library, Runtime.version().toString()),
                artifact))
        .version();
  }

  /** Makes {@code version} the active version of {@code scope}. */
  void promote(ScopeKey scope, int version) {
    store.promote(model, scope, version, "bench", "benchmark");
  }
}

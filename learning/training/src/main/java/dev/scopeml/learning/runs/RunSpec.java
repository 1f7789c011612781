package dev.scopeml.learning.runs;

import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.fitting.FitSpec;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.modelstore.schema.ScopeSchema;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A run as planned and stored in the queue: the request with every default filled in, the
 * hyperparameters validated, and the column kinds and label classes decided once for all scopes.
 * Workers of any trainer, or the Spark engine's executors, read it back, once per run, to train
 * their tasks' scopes exactly as planned. Typed, so nothing is re-parsed or re-validated per task;
 * its JSON keeps scopes in their canonical form and the policy and metric in their API spelling.
 *
 * @param model the model family
 * @param source where the rows come from
 * @param label the label column
 * @param scopeBy the scope columns
 * @param scopes the scopes the run is restricted to (empty: all)
 * @param missingValues the source's text values read as missing, besides an empty one
 * @param features the feature columns, in encoding order
 * @param excludedColumns columns left out of the default features, with the reason
 * @param kinds each feature's kind
 * @param classes the label classes, shared by every scope's version
 * @param algorithm the algorithm name
 * @param params validated hyperparameters
 * @param holdout the held-out share
 * @param seed the seed
 * @param minRows the smallest scope trained
 * @param global whether the run trains the global scope
 * @param policy the promotion policy
 * @param metric the metric {@code if-better} compares
 * @param maxLevels the most levels a categorical feature keeps
 */
public record RunSpec(
    String model,
    SourceRef source,
    String label,
    List<String> scopeBy,
    List<ScopeKey> scopes,
    Set<String> missingValues,
    List<String> features,
    Map<String, String> excludedColumns,
    Map<String, FeatureKind> kinds,
    List<String> classes,
    String algorithm,
    Map<String, Object> params,
    double holdout,
    long seed,
    int minRows,
    boolean global,
    PromotionPolicy policy,
    PromotionPolicy.Metric metric,
    int maxLevels) {

  public RunSpec {
    // Specs stored before these fields existed read their defaults.
    missingValues =
        missingValues == null ? CsvReader.DEFAULT_MISSING_TOKENS : Set.copyOf(missingValues);
    excludedColumns = excludedColumns == null ? Map.of() : Map.copyOf(excludedColumns);
    maxLevels = maxLevels == 0 ? ScopeSchema.DEFAULT_MAX_LEVELS : maxLevels;
  }

  /** What every scope of the run is fitted with. */
  public FitSpec fitSpec(int referenceRows) {
    return new FitSpec(
        label,
        classes,
        features,
        kinds,
        Algorithms.byName(algorithm),
        params,
        holdout,
        seed,
        minRows,
        referenceRows,
        maxLevels);
  }

  /**
   * Stores a version this run trained and promotes it by the run's policy, in one transaction. A
   * retried task (a trainer's, or a Spark task attempt run again) gets the version its earlier
   * attempt stored, active if that attempt promoted it: one version and at most one promotion per
   * run and scope.
   *
   * @param actor who stores it, as the promotion log names it: a trainer's worker, a Spark executor
   */
  public ModelVersion store(ModelStore store, UUID run, String actor, NewModelVersion version) {
    if (policy == PromotionPolicy.NEVER) {
      return store.saveVersion(version);
    }
    return store.saveAndPromoteIf(
        version,
        actor,
        "run " + run + ", policy " + policy.apiName() + " on " + metric.key(),
        policy.condition(metric));
  }
}

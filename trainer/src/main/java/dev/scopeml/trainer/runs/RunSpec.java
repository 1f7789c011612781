package dev.scopeml.trainer.runs;

import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.trainer.sources.SourceRef;
import java.util.List;
import java.util.Map;

/**
 * A run as planned and stored in the queue: the request with every default filled in, the
 * hyperparameters normalized, and the column kinds and label classes decided once for all scopes.
 * Workers of any trainer read it back to train their task's scope exactly as planned.
 *
 * @param model the model family
 * @param source where the rows come from
 * @param label the label column
 * @param scopeBy the scope columns
 * @param scopes the canonical scopes the run is restricted to (empty: all)
 * @param features the feature columns, in encoding order
 * @param kinds each feature's kind
 * @param classes the label classes, shared by every scope's version
 * @param algorithm the algorithm name
 * @param params validated hyperparameters
 * @param holdout the held-out share
 * @param seed the seed
 * @param minRows the smallest scope trained
 * @param global whether the run trains the global scope
 * @param policy the promotion policy's API name
 * @param metric the metric {@code if-better} compares
 */
public record RunSpec(
    String model,
    SourceRef source,
    String label,
    List<String> scopeBy,
    List<String> scopes,
    List<String> features,
    Map<String, FeatureKind> kinds,
    List<String> classes,
    String algorithm,
    Map<String, Object> params,
    double holdout,
    long seed,
    int minRows,
    boolean global,
    String policy,
    String metric) {

  public PromotionPolicy promotionPolicy() {
    return PromotionPolicy.fromApi(policy).orElseThrow();
  }

  public PromotionPolicy.Metric promotionMetric() {
    return PromotionPolicy.Metric.fromKey(metric).orElseThrow();
  }
}

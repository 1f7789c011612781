package dev.scopeml.trainer.runs;

import dev.scopeml.learning.runs.SourceRef;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /v1/runs}. Optional fields are null when absent; {@link RunPlanner} fills
 * in defaults and refuses anything inconsistent.
 *
 * @param model the model family to train, created on first use
 * @param source where the rows come from
 * @param label the label column
 * @param scopeBy the columns whose distinct value combinations are the scopes (default none)
 * @param scopes only these scopes, each as column to value (default every scope in the data)
 * @param features the feature columns (default every column but the label and scope columns)
 * @param types overrides of the inferred column kinds: column to {@code numeric} or {@code
 *     categorical}
 * @param missingValues the unquoted CSV values that mean "missing" besides an empty field (default
 *     {@code NA}); a quoted value is always a value
 * @param algorithm the algorithm name (default {@code xgboost})
 * @param params hyperparameters, validated by the algorithm
 * @param holdout the share of each scope held out for evaluation (default 0.2)
 * @param seed fixes splits and fitting (default 42)
 * @param minRows scopes with fewer labelled rows are skipped (default 50)
 * @param global whether to train a global model over all rows too (default: only when there are no
 *     scope columns)
 * @param promote the promotion policy (default if-better on auc)
 * @param maxLevels the most levels a categorical feature keeps, the most frequent; the others share
 *     one "other" slot (default 100)
 * @param engine what trains the scopes: {@code trainer} (default), the trainers' workers, or {@code
 *     spark}, an application submitted to {@code scopeml.spark.master}
 */
public record RunRequest(
    String model,
    SourceRef source,
    String label,
    List<String> scopeBy,
    List<Map<String, String>> scopes,
    List<String> features,
    Map<String, String> types,
    List<String> missingValues,
    String algorithm,
    Map<String, Object> params,
    Double holdout,
    Long seed,
    Integer minRows,
    Boolean global,
    PromotionRequest promote,
    Integer maxLevels,
    String engine) {

  /**
   * How new versions are promoted.
   *
   * @param policy {@code always}, {@code never} or {@code if-better}
   * @param metric the holdout metric {@code if-better} compares: auc, accuracy, macroF1 (higher is
   *     better) or logLoss (lower is better)
   */
  public record PromotionRequest(String policy, String metric) {}
}

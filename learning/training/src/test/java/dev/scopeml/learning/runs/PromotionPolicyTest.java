package dev.scopeml.learning.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.registry.ModelVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromotionPolicyTest {

  @Test
  void ifBetterComparesInTheMetricsDirection() {
    var auc = PromotionPolicy.IF_BETTER.condition(PromotionPolicy.Metric.AUC);
    var logLoss = PromotionPolicy.IF_BETTER.condition(PromotionPolicy.Metric.LOG_LOSS);
    ModelVersion good = version(Map.of("auc", 0.9, "logLoss", 0.2));
    ModelVersion bad = version(Map.of("auc", 0.7, "logLoss", 0.5));

    assertThat(auc.shouldPromote(bad, good)).isTrue();
    assertThat(auc.shouldPromote(good, bad)).isFalse();
    assertThat(auc.shouldPromote(good, good)).as("equal is not better").isFalse();
    assertThat(logLoss.shouldPromote(bad, good)).as("lower log loss wins").isTrue();
    assertThat(logLoss.shouldPromote(good, bad)).isFalse();
    assertThat(auc.shouldPromote(null, bad)).as("a scope without a version takes any").isTrue();
    assertThat(auc.shouldPromote(good, version(Map.of())))
        .as("a candidate without the metric cannot win")
        .isFalse();
  }

  @Test
  void alwaysAndNeverIgnoreMetrics() {
    ModelVersion any = version(Map.of("auc", 0.5));
    assertThat(PromotionPolicy.ALWAYS.condition(PromotionPolicy.Metric.AUC).shouldPromote(any, any))
        .isTrue();
    assertThat(PromotionPolicy.NEVER.condition(PromotionPolicy.Metric.AUC).shouldPromote(null, any))
        .isFalse();
    assertThat(PromotionPolicy.fromApi("if-better")).contains(PromotionPolicy.IF_BETTER);
    assertThat(PromotionPolicy.fromApi("IF_BETTER")).isEmpty();
  }

  private static ModelVersion version(Map<String, Double> metrics) {
    return new ModelVersion(
        "m", null, 1, "f", "xgboost", Map.of(), metrics, null, null, null, "", 0, null, false);
  }
}

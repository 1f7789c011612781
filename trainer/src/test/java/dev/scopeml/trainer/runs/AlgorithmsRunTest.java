package dev.scopeml.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.TrainerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Every algorithm trains through the trainer, and a multi-class label works end to end. */
class AlgorithmsRunTest extends TrainerTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({"smile-gbm, 30", "smile-rf, 30", "xgboost, 30"})
  void trainsLendingClubByTermWith(String algorithm, int trees) {
    Map<String, Object> params = trees == 0 ? Map.of() : Map.of("trees", trees);
    String model = "lending-" + algorithm;
    JsonNode view =
        awaitRun(
            submit(
                Map.of(
                    "model",
                    model,
                    "source",
                    Map.of("csv", "lending_club.csv"),
                    "label",
                    "Class",
                    "scopeBy",
                    List.of("term"),
                    "algorithm",
                    algorithm,
                    "params",
                    params)),
            Duration.ofMinutes(3));

    assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("succeeded");
    assertThat(scopesOf(view)).containsOnlyKeys("term=term_36", "term=term_60");
    var store = new JdbcModelStore(dataSource());
    for (String term : List.of("term_36", "term_60")) {
      var version = store.activeVersion(model, ScopeKey.of("term", term)).orElseThrow();
      assertThat(version.algorithm()).isEqualTo(algorithm);
      assertThat(version.metrics().get("auc")).as("%s %s", algorithm, term).isGreaterThan(0.55);
      assertThat(version.provenance().library()).isNotBlank();
    }
  }

  /**
   * Logistic regression on telco churn: lending club's raw amounts (up to millions, unscaled) leave
   * the regression near or below chance, so it is checked where its features are on tame scales.
   */
  @Test
  void trainsTelcoByContractWithLogisticRegression() {
    JsonNode view =
        awaitRun(
            submit(
                Map.of(
                    "model", "churn-logit",
                    "source", Map.of("csv", "telco_churn.csv"),
                    "label", "churn",
                    "scopeBy", List.of("contract"),
                    "algorithm", "smile-logit")),
            Duration.ofMinutes(2));

    assertThat(view.get("status").asString()).as(view.toString()).isEqualTo("succeeded");
    for (JsonNode scope : view.get("scopes")) {
      assertThat(scope.get("metrics").get("auc").asDouble())
          .as(scope.toString())
          .isGreaterThan(0.6);
    }
  }

  @Test
  void trainsAMultiClassLabel() {
    JsonNode view =
        awaitRun(
            submit(
                Map.of(
                    "model", "contract-type",
                    "source", Map.of("csv", "telco_churn.csv"),
                    "label", "contract",
                    "scopeBy", List.of("internet_service"),
                    "params", Map.of("trees", 20, "maxDepth", 3))),
            Duration.ofMinutes(2));

    assertThat(view.get("status").asString()).isEqualTo("succeeded");
    assertThat(scopesOf(view)).hasSize(3);
    for (JsonNode scope : view.get("scopes")) {
      JsonNode metrics = scope.get("metrics");
      assertThat(metrics.get("auc").asDouble()).as("macro one-vs-rest AUC").isGreaterThan(0.6);
      assertThat(metrics.has("f1.Month-to-month")).isTrue();
      assertThat(metrics.has("f1.Two year")).isTrue();
    }
    var family = new JdbcModelStore(dataSource()).family("contract-type").orElseThrow();
    assertThat(family.classes()).containsExactly("Month-to-month", "One year", "Two year");
  }
}

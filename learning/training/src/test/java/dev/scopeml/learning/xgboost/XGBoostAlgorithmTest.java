package dev.scopeml.learning.xgboost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.evaluation.Metrics;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XGBoostAlgorithmTest {

  private final Algorithm xgboost = Algorithms.byName("xgboost");

  @Test
  void reachesUsefulAucOnTelcoChurn() {
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 41);
    FittedModel fitted =
        xgboost.fit(data.train(), xgboost.validate(Map.of("eta", 0.1, "maxDepth", 4)), 7);

    Map<String, Double> metrics =
        Metrics.evaluate(
            data.holdout().labels(),
            predict(fitted.predictor(), data.holdout()),
            data.schema().classes());

    assertThat(metrics.get("auc")).isGreaterThanOrEqualTo(0.75);
    assertThat(fitted.format()).isEqualTo(XGBoostFormat.ID);
    assertThat(fitted.library()).isEqualTo("tribuo 4.3.2 / xgboost4j 3.0.4");
  }

  @Test
  void sameSeedGivesIdenticalPredictionsEvenWhenSampling() {
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 42);
    Map<String, Object> params =
        xgboost.validate(Map.of("trees", 40, "subsample", 0.7, "colsampleByTree", 0.6));

    double[][] first = predict(xgboost.fit(data.train(), params, 5).predictor(), data.holdout());
    double[][] second = predict(xgboost.fit(data.train(), params, 5).predictor(), data.holdout());
    double[][] otherSeed =
        predict(xgboost.fit(data.train(), params, 6).predictor(), data.holdout());

    assertThat(second).isDeepEqualTo(first);
    assertThat(otherSeed).as("a different seed samples differently").isNotEqualTo(first);
  }

  @Test
  void refusesImputedRowsAndSingleClassData() {
    var imputed = TestData.prepare(TestData.telco(), "churn", MissingValues.IMPUTE, 43);
    assertThatThrownBy(() -> xgboost.fit(imputed.train(), xgboost.validate(Map.of()), 1))
        .hasMessageContaining("NATIVE");

    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 43);
    int[] onlyFirstClass =
        java.util.stream.IntStream.range(0, data.train().size())
            .filter(i -> data.train().labels()[i] == 0)
            .toArray();
    TrainingSet oneClass = data.train().subset(onlyFirstClass);
    assertThatThrownBy(() -> xgboost.fit(oneClass, xgboost.validate(Map.of()), 1))
        .hasMessageContaining("two classes");
  }

  static double[][] predict(Predictor predictor, TrainingSet rows) {
    double[][] out = new double[rows.size()][predictor.classCount()];
    for (int i = 0; i < rows.size(); i++) {
      predictor.predict(rows.rows()[i], out[i]);
    }
    return out;
  }
}

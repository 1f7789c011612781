package dev.scopeml.learning.smile;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmileAlgorithmsTest {

  @ParameterizedTest
  @ValueSource(strings = {"smile-gbm", "smile-rf", "smile-logit"})
  void reachesUsefulAucOnTelcoChurnAndIsReproducible(String name) {
    Algorithm algorithm = Algorithms.byName(name);
    assertThat(algorithm.missingValues()).isEqualTo(MissingValues.IMPUTE);
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.IMPUTE, 31);
    Map<String, Object> params = algorithm.validate(Map.of());

    FittedModel first = algorithm.fit(data.train(), params, 99);
    FittedModel second = algorithm.fit(data.train(), params, 99);

    double[][] probabilities = predict(first.predictor(), data.holdout());
    Map<String, Double> metrics =
        Metrics.evaluate(data.holdout().labels(), probabilities, data.schema().classes());
    assertThat(metrics.get("auc")).as("%s holdout AUC", name).isGreaterThanOrEqualTo(0.75);
    assertThat(predict(second.predictor(), data.holdout()))
        .as("same data, parameters and seed")
        .isDeepEqualTo(probabilities);
    assertThat(first.format()).isEqualTo(SmileFormat.ID);
    assertThat(first.library()).startsWith("smile 6.");
  }

  @Test
  void predictsThreeClasses() {
    Algorithm algorithm = Algorithms.byName("smile-gbm");
    var data = TestData.prepare(TestData.telco(), "contract", MissingValues.IMPUTE, 32);
    FittedModel fitted = algorithm.fit(data.train(), algorithm.validate(Map.of("trees", 30)), 1);
    double[][] probabilities = predict(fitted.predictor(), data.holdout());
    assertThat(probabilities[0]).hasSize(3);
    assertThat(probabilities[0][0] + probabilities[0][1] + probabilities[0][2])
        .isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(
            Metrics.evaluate(data.holdout().labels(), probabilities, data.schema().classes())
                .get("auc"))
        .isGreaterThan(0.75);
  }

  @Test
  void refusesRowsWithNaNEncoding() {
    Algorithm algorithm = Algorithms.byName("smile-rf");
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 33);
    assertThatThrownBy(() -> algorithm.fit(data.train(), algorithm.validate(Map.of()), 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("IMPUTE");
  }

  private static double[][] predict(Predictor predictor, TrainingSet rows) {
    double[][] out = new double[rows.size()][predictor.classCount()];
    for (int i = 0; i < rows.size(); i++) {
      predictor.predict(rows.rows()[i], out[i]);
    }
    return out;
  }
}

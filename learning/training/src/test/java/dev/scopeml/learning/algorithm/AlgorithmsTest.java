package dev.scopeml.learning.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlgorithmsTest {

  @Test
  void registryKnowsEveryAlgorithm() {
    assertThat(Algorithms.names())
        .containsExactly("xgboost", "smile-gbm", "smile-rf", "smile-logit");
    assertThatThrownBy(() -> Algorithms.byName("lightgbm"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lightgbm")
        .hasMessageContaining("xgboost, smile-gbm, smile-rf, smile-logit");
  }

  @Test
  void xgboostDefaultsAreFilledIn() {
    Map<String, Object> params = Algorithms.byName("xgboost").validate(Map.of("trees", 50.0));
    assertThat(params)
        .containsEntry("trees", 50)
        .containsEntry("maxDepth", 6)
        .containsEntry("eta", 0.3)
        .containsEntry("threads", 1)
        .containsKeys("subsample", "colsampleByTree", "minChildWeight", "lambda", "alpha", "gamma");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "trees|0|an integer in [1, 10000]",
        "trees|10000000|an integer in [1, 10000]",
        "trees|2.5|an integer in [1, 10000]",
        "eta|-0.1|a number in (0.0, 1.0]",
        "eta|0|a number in (0.0, 1.0]",
        "maxDepth|21|an integer in [1, 20]",
        "subsample|1.5|a number in (0.0, 1.0]",
        "threads|0|an integer in [1, 256]"
      })
  void xgboostRefusesAbsurdValuesNamingParameterAndRange(String name, double value, String range) {
    Algorithm xgboost = Algorithms.byName("xgboost");
    assertThatThrownBy(() -> xgboost.validate(Map.of(name, value)))
        .isInstanceOfSatisfying(
            InvalidParametersException.class, e -> assertThat(e.parameter()).isEqualTo(name))
        .hasMessageContaining("'" + name + "'")
        .hasMessageContaining(range);
  }

  @ParameterizedTest
  @ValueSource(strings = {"xgboost", "smile-gbm", "smile-rf", "smile-logit"})
  void everyAlgorithmRefusesUnknownNamesAndWrongTypes(String name) {
    Algorithm algorithm = Algorithms.byName(name);
    Map<String, Object> defaults = algorithm.validate(Map.of());
    assertThat(algorithm.validate(defaults)).as("validation is idempotent").isEqualTo(defaults);

    assertThatThrownBy(() -> algorithm.validate(Map.of("learningRateTypo", 0.1)))
        .isInstanceOf(InvalidParametersException.class)
        .hasMessageContaining("learningRateTypo")
        .hasMessageContaining("known parameters");

    String first = defaults.keySet().iterator().next();
    var wrongType = new HashMap<String, Object>();
    wrongType.put(first, "12");
    assertThatThrownBy(() -> algorithm.validate(wrongType))
        .isInstanceOf(InvalidParametersException.class)
        .hasMessageContaining("'" + first + "'")
        .hasMessageContaining("String");
  }

  @Test
  void smileParametersHaveTheirOwnRanges() {
    assertThatThrownBy(() -> Algorithms.byName("smile-gbm").validate(Map.of("shrinkage", 2)))
        .hasMessageContaining("shrinkage");
    assertThatThrownBy(() -> Algorithms.byName("smile-rf").validate(Map.of("maxNodes", 1)))
        .hasMessageContaining("maxNodes");
    assertThatThrownBy(() -> Algorithms.byName("smile-logit").validate(Map.of("lambda", -1)))
        .hasMessageContaining("lambda");
    assertThat(Algorithms.byName("smile-rf").validate(Map.of("nodeSize", 3)))
        .containsEntry("nodeSize", 3)
        .containsEntry("trees", 200);
  }
}

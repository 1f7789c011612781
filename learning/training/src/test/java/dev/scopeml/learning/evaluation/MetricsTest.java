package dev.scopeml.learning.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  private static double[][] binary(double... positive) {
    double[][] rows = new double[positive.length][];
    for (int i = 0; i < positive.length; i++) {
      rows[i] = new double[] {1 - positive[i], positive[i]};
    }
    return rows;
  }

  @Test
  void binaryMetricsMatchHandComputedValues() {
    int[] labels = {0, 0, 1, 1};
    Map<String, Double> m =
        Metrics.evaluate(labels, binary(0.1, 0.4, 0.35, 0.8), List.of("no", "yes"));

    // Of the four positive/negative pairs, only (0.35 vs 0.4) is ordered wrongly.
    assertThat(m.get("auc")).isCloseTo(0.75, within(1e-12));
    assertThat(m.get("accuracy")).isCloseTo(0.75, within(1e-12));
    double logLoss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
    assertThat(m.get("logLoss")).isCloseTo(logLoss, within(1e-12));
    // "no": tp 2, fp 1, fn 0 -> 4/5; "yes": tp 1, fp 0, fn 1 -> 2/3.
    assertThat(m.get("f1.no")).isCloseTo(0.8, within(1e-12));
    assertThat(m.get("f1.yes")).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(m.get("macroF1")).isCloseTo((0.8 + 2.0 / 3) / 2, within(1e-12));
  }

  @Test
  void tiedScoresCountHalf() {
    int[] labels = {0, 1, 0, 1};
    // Pairs (pos, neg): (0.5,0.5) tie = 0.5, (0.5,0.2) = 1, (0.9,0.5) = 1, (0.9,0.2) = 1.
    assertThat(Metrics.evaluate(labels, binary(0.5, 0.5, 0.2, 0.9), List.of("a", "b")).get("auc"))
        .isCloseTo(3.5 / 4, within(1e-12));
  }

  @Test
  void multiClassAucIsTheMacroOneVersusRestMean() {
    int[] labels = {0, 1, 2, 0, 1, 2};
    double[][] p = {
      {0.7, 0.2, 0.1},
      {0.3, 0.4, 0.3},
      {0.1, 0.3, 0.6},
      {0.2, 0.5, 0.3},
      {0.4, 0.5, 0.1},
      {0.5, 0.1, 0.4}
    };
    // Class 0 scores: positives {0.7, 0.2}, negatives {0.3, 0.1, 0.4, 0.5}: 4 + 1 = 5 of 8.
    // Class 1 scores: positives {0.4, 0.5}, negatives {0.2, 0.3, 0.5, 0.1}: 3 + 3.5 = 6.5 of 8.
    // Class 2 scores: positives {0.6, 0.4}, negatives {0.1, 0.3, 0.3, 0.1}: 4 + 4 = 8 of 8.
    double expected = (5.0 / 8 + 6.5 / 8 + 8.0 / 8) / 3;
    Map<String, Double> m = Metrics.evaluate(labels, p, List.of("a", "b", "c"));
    assertThat(m.get("auc")).isCloseTo(expected, within(1e-12));
    assertThat(m).containsKeys("f1.a", "f1.b", "f1.c", "macroF1", "accuracy", "logLoss");
  }

  @Test
  void logLossClipsZeroProbabilities() {
    Map<String, Double> m =
        Metrics.evaluate(new int[] {1}, new double[][] {{1.0, 0.0}}, List.of("a", "b"));
    assertThat(m.get("logLoss")).isCloseTo(-Math.log(1e-15), within(1e-9));
    assertThat(m.get("auc")).as("undefined with one class present").isNaN();
  }

  @Test
  void classNeitherPresentNorPredictedHasNoF1() {
    Map<String, Double> m =
        Metrics.evaluate(
            new int[] {0, 1},
            new double[][] {{0.8, 0.1, 0.1}, {0.2, 0.7, 0.1}},
            List.of("a", "b", "c"));
    assertThat(m).doesNotContainKey("f1.c");
    assertThat(m.get("macroF1")).isEqualTo(1.0);
  }
}

package dev.scopeml.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void percentilesAreNearestRankValues() {
    double[] values = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
    assertThat(Stats.percentile(values, 50)).isEqualTo(5);
    assertThat(Stats.percentile(values, 90)).isEqualTo(9);
    assertThat(Stats.percentile(values, 99)).as("p99 of 10 values is the largest").isEqualTo(10);
    assertThat(Stats.percentile(values, 100)).isEqualTo(10);
    assertThat(Stats.percentile(values, 1)).isEqualTo(1);
  }

  @Test
  void p99OfAHundredValuesIsTheSecondLargest() {
    double[] values = new double[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i + 1;
    }
    assertThat(Stats.percentile(values, 99)).isEqualTo(99);
  }

  @Test
  void medianAveragesTheMiddlePairOfAnEvenCount() {
    assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2);
  }

  @Test
  void nothingMeasuredIsNaN() {
    assertThat(Stats.percentile(new double[0], 50)).isNaN();
    assertThat(Stats.median(List.<Double>of())).isNaN();
  }

  @Test
  void inputIsNotReordered() {
    double[] values = {3, 1, 2};
    Stats.percentile(values, 50);
    assertThat(values).containsExactly(3, 1, 2);
  }
}

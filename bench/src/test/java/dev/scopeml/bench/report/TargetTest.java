package dev.scopeml.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void boundsAreInclusive() {
    assertThat(Target.atLeast(0.8, 0.8, "≥ 0.8").verdict()).isEqualTo("met");
    assertThat(Target.atLeast(0.79, 0.8, "≥ 0.8").verdict()).isEqualTo("**missed**");
    assertThat(Target.atMost(500, 500, "≤ 500 ms").verdict()).isEqualTo("met");
    assertThat(Target.atMost(501, 500, "≤ 500 ms").verdict()).isEqualTo("**missed**");
  }

  @Test
  void nothingMeasuredIsSaidSo() {
    assertThat(Target.atLeast(Double.NaN, 1, "≥ 1").verdict()).isEqualTo("not measured");
    assertThat(Target.none().verdict()).isEqualTo("—");
  }

  @Test
  void numbersHaveSeparatorsAndADashForNaN() {
    assertThat(Target.number(12345.678, 1)).isEqualTo("12,345.7");
    assertThat(Target.number(Double.NaN, 2)).isEqualTo("—");
  }
}

package dev.scopeml.testsupport.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  private static final PrometheusText TEXT =
      new PrometheusText(
          """
          # HELP scopeml_model_load_seconds time to load
          # TYPE scopeml_model_load_seconds histogram
          scopeml_model_load_seconds_count{model="shops",outcome="loaded"} 12.0
          scopeml_model_load_seconds_count{model="churn",outcome="loaded"} 3.0
          scopeml_model_load_seconds_count{model="shops",outcome="refused"} 1.0
          scopeml_model_load_seconds_sum{model="shops",outcome="loaded"} 0.25
          scopeml_cache_models 15.0
          scopeml_cache_models_extra 99.0
          """);

  @Test
  void sumsTheSeriesWhoseLabelsMatch() {
    assertThat(TEXT.sum("scopeml_model_load_seconds_count", "outcome=\"loaded\"")).isEqualTo(15);
    assertThat(TEXT.sum("scopeml_model_load_seconds_count", "")).isEqualTo(16);
    assertThat(TEXT.sum("scopeml_model_load_seconds_sum", "model=\"shops\"")).isEqualTo(0.25);
  }

  @Test
  void aMetricIsNotConfusedWithOneWhoseNameItStarts() {
    assertThat(TEXT.sum("scopeml_cache_models", "")).isEqualTo(15);
    assertThat(TEXT.sum("scopeml_model_load_seconds", "")).isZero();
  }
}

package dev.scopeml.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.scorer.config.ScorerProperties;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The number of series grows with scopes by counters only; histograms are per model. */
class PredictionMetricsTest {

  private static final int SCOPES = 1_000;

  @Test
  void aThousandScopesCostOneCounterSeriesEachAndTheConfiguredScopeAHistogram() {
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    var metrics =
        new PredictionMetrics(registry, properties(Set.of("churn:contract=c0007", "fraud")));
    for (int s = 0; s < SCOPES; s++) {
      metrics.success("predict", "churn", List.of("contract=c%04d".formatted(s)), 1_000_000);
    }
    metrics.success("predict", "fraud", List.of("region=EU", "region=US"), 2_000_000);
    metrics.error("predict", "churn", "contract=c0001", 400);

    List<String> samples =
        registry.scrape().lines().filter(line -> line.startsWith("scopeml_")).toList();
    long scopedSamples = samples.stream().filter(line -> line.contains("scope=")).count();
    assertThat(samples.stream().filter(l -> l.startsWith("scopeml_scope_predictions_total{")))
        .as("one request counter per scope that answered")
        .hasSize(SCOPES + 2);
    assertThat(samples.stream().filter(l -> l.startsWith("scopeml_predictions_seconds_bucket{")))
        .as("latency buckets per model, not per scope")
        .allSatisfy(line -> assertThat(line).doesNotContain("scope="))
        .isNotEmpty();
    assertThat(
            samples.stream()
                .filter(l -> l.startsWith("scopeml_scope_latency_seconds_bucket{"))
                .map(l -> l.replaceAll(".*scope=\"([^\"]*)\".*", "$1"))
                .distinct())
        .as("per-scope latency only where configured")
        .containsExactlyInAnyOrder("contract=c0007", "region=EU", "region=US");
    assertThat(scopedSamples)
        .as("series carrying a scope label, for %d scopes", SCOPES)
        .isLessThan(SCOPES + 3 * 100L);
  }

  private static ScorerProperties properties(Set<String> latencyScopes) {
    return new ScorerProperties(
        "test",
        1000,
        DataSize.ofMegabytes(2),
        DataSize.ofMegabytes(512),
        Duration.ofSeconds(30),
        2,
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        Duration.ZERO,
        latencyScopes);
  }
}

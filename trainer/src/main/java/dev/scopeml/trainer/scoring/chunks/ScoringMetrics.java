package dev.scopeml.trainer.scoring.chunks;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The batch scoring meters: {@code scopeml.scoring.jobs.submitted}, {@code scopeml.scoring.chunks}
 * by outcome and {@code scopeml.scoring.rows} by outcome (scored, rejected); in Prometheus {@code
 * scopeml_scoring_jobs_submitted_total}, {@code scopeml_scoring_chunks_total{status}} and {@code
 * scopeml_scoring_rows_total{outcome}}.
 */
@Component
public class ScoringMetrics {

  private final MeterRegistry registry;

  ScoringMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A job was accepted. */
  public void jobSubmitted() {
    registry.counter("scopeml.scoring.jobs.submitted").increment();
  }

  void chunkEnded(String status) {
    registry.counter("scopeml.scoring.chunks", "status", status).increment();
  }

  void rows(long scored, long rejected) {
    registry.counter("scopeml.scoring.rows", "outcome", "scored").increment(scored);
    registry.counter("scopeml.scoring.rows", "outcome", "rejected").increment(rejected);
  }
}

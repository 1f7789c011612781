package dev.scopeml.trainer.training;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The training meters: {@code scopeml.runs.submitted}, {@code scopeml.tasks} by outcome and {@code
 * scopeml.fit} (seconds per algorithm); in Prometheus {@code scopeml_runs_submitted_total}, {@code
 * scopeml_tasks_total{status}} and {@code scopeml_fit_seconds{algorithm}}. The worker pool keeps
 * {@code scopeml_tasks_active}.
 */
@Component
public class TrainingMetrics {

  private final MeterRegistry registry;

  TrainingMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** A run was accepted. */
  public void runSubmitted(String algorithm) {
    registry.counter("scopeml.runs.submitted", "algorithm", algorithm).increment();
  }

  /** A task attempt ended: succeeded, skipped, cancelled, retried, failed or lease_lost. */
  void taskEnded(String status) {
    registry.counter("scopeml.tasks", "status", status).increment();
  }

  void fitted(String algorithm, Duration took) {
    Timer.builder("scopeml.fit")
        .description("time to fit one scope's model")
        .tag("algorithm", algorithm)
        .register(registry)
        .record(took);
  }
}

package dev.scopeml.trainer.training;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The trainer's own meters: {@code scopeml.runs.submitted}, {@code scopeml.tasks} by outcome,
 * {@code scopeml.tasks.active}, and {@code scopeml.fit} (seconds per algorithm); in Prometheus
 * {@code scopeml_runs_submitted_total}, {@code scopeml_tasks_total{status}}, {@code
 * scopeml_tasks_active} and {@code scopeml_fit_seconds{algorithm}}.
 */
@Component
public class TrainingMetrics {

  private final MeterRegistry registry;
  private final AtomicInteger active = new AtomicInteger();

  TrainingMetrics(MeterRegistry registry) {
    this.registry = registry;
    registry.gauge("scopeml.tasks.active", active);
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

  void taskStarted() {
    active.incrementAndGet();
  }

  void taskFinished() {
    active.decrementAndGet();
  }
}

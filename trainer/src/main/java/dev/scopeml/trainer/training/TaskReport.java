package dev.scopeml.trainer.training;

import dev.scopeml.learning.fitting.EncodedScope;
import dev.scopeml.learning.fitting.Evaluation;
import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.trainer.workers.Outcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task's timings, lap by lap, and the result it ends with. */
final class TaskReport {

  private final ClaimedTask task;
  private final long start = System.nanoTime();
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long last = start;

  TaskReport(ClaimedTask task) {
    this.task = task;
  }

  /** Ends the phase {@code name}; returns its nanoseconds. */
  long lap(String name) {
    long now = System.nanoTime();
    long took = now - last;
    last = now;
    seconds.merge(name, took / 1e9, Double::sum);
    return took;
  }

  Outcome trained(EncodedScope encoded, Evaluation evaluation, ModelVersion version) {
    List<String> dropped = encoded.schema().dropped();
    return new Outcome.Ended(
        TaskStatus.SUCCEEDED,
        new TaskResult(
            encoded.split().rows().length,
            encoded.split().trainRows().length,
            encoded.split().holdoutRows().length,
            version.version(),
            evaluation.metrics(),
            version.active(),
            elapsed(),
            Map.copyOf(seconds),
            null,
            dropped.isEmpty() ? null : dropped,
            encoded.schema().capped().isEmpty() ? null : encoded.schema().capped(),
            task.worker(),
            task.attempt()));
  }

  Outcome skipped(int rows, String reason) {
    return notTrained(TaskStatus.SKIPPED, rows, reason);
  }

  Outcome cancelled(int rows) {
    return notTrained(TaskStatus.CANCELLED, rows, "the run was cancelled");
  }

  private Outcome notTrained(TaskStatus status, int rows, String reason) {
    return new Outcome.Ended(
        status,
        TaskResult.notTrained(
            rows, reason, elapsed(), Map.copyOf(seconds), task.worker(), task.attempt()));
  }

  private double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }
}

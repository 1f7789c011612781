package dev.scopeml.trainer.training;

import dev.scopeml.learning.fitting.EncodedScope;
import dev.scopeml.learning.fitting.Evaluation;
import dev.scopeml.learning.runs.StageTimes;
import dev.scopeml.learning.runs.TaskResult;
import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.trainer.workers.Outcome;

/** A task's timings, lap by lap, and the result it ends with. */
final class TaskReport {

  private final ClaimedTask task;
  private final StageTimes times = new StageTimes();

  TaskReport(ClaimedTask task) {
    this.task = task;
  }

  /** Ends the phase {@code name}; returns its nanoseconds. */
  long lap(String name) {
    return times.lap(name);
  }

  Outcome trained(EncodedScope encoded, Evaluation evaluation, ModelVersion version) {
    return new Outcome.Ended(
        TaskStatus.SUCCEEDED,
        TaskResult.trained(encoded, evaluation, version, times, task.worker(), task.attempt()));
  }

  Outcome skipped(int rows, String reason) {
    return notTrained(TaskStatus.SKIPPED, rows, reason);
  }

  Outcome cancelled(int rows) {
    return notTrained(TaskStatus.CANCELLED, rows, "the run was cancelled");
  }

  private Outcome notTrained(TaskStatus status, int rows, String reason) {
    return new Outcome.Ended(
        status, TaskResult.notTrained(rows, reason, times, task.worker(), task.attempt()));
  }
}

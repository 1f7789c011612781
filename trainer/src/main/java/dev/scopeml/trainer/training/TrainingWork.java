package dev.scopeml.trainer.training;

import dev.scopeml.learning.runs.TaskResult;
import dev.scopeml.modelstore.queue.ClaimedTask;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.trainer.workers.Lease;
import dev.scopeml.trainer.workers.Outcome;
import dev.scopeml.trainer.workers.WorkKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Training tasks as work of the worker pool: claimed from the {@link TrainingQueue}, trained by the
 * {@link ScopeTrainer}, with the {@link TaskPhaseListener}s told where each task is. Logs of a task
 * carry {@code run}, {@code model}, {@code scope}, {@code task} and {@code attempt} in the MDC.
 */
@Component
class TrainingWork implements WorkKind<ClaimedTask> {

  private static final Logger log = LoggerFactory.getLogger(TrainingWork.class);

  private final TrainingQueue queue;
  private final ScopeTrainer trainer;
  private final TrainingMetrics metrics;
  private final JsonMapper json;
  private final List<TaskPhaseListener> listeners;

  TrainingWork(
      TrainingQueue queue,
      ScopeTrainer trainer,
      TrainingMetrics metrics,
      JsonMapper json,
      List<TaskPhaseListener> listeners) {
    this.queue = queue;
    this.trainer = trainer;
    this.metrics = metrics;
    this.json = json;
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public Optional<ClaimedTask> claim(String worker, Duration lease) {
    return queue.claim(worker, lease);
  }

  @Override
  public boolean heartbeat(ClaimedTask task, Duration lease) {
    return queue.heartbeat(task, lease);
  }

  @Override
  public Outcome run(ClaimedTask task, Lease lease) {
    TaskControl control =
        new TaskControl() {
          @Override
          public void reached(TaskPhase phase) {
            for (TaskPhaseListener listener : listeners) {
              listener.reached(phase, task);
            }
          }

          @Override
          public boolean abandoned() {
            return lease.abandoned();
          }
        };
    if (control.stopsAt(TaskPhase.CLAIMED)) {
      return new Outcome.Abandoned("stopped once claimed");
    }
    log.info("training scope {} (attempt {})", task.scope(), task.attempt());
    return trainer.train(task, control);
  }

  @Override
  public boolean complete(ClaimedTask task, Outcome.Ended ended) {
    var result = (TaskResult) ended.result();
    if (!queue.complete(task, ended.status(), json.writeValueAsString(result))) {
      return false;
    }
    log.info(
        "scope {} {}{}",
        task.scope(),
        ended.status().name().toLowerCase(java.util.Locale.ROOT),
        result.version() == null ? ": " + result.reason() : " as version " + result.version());
    return true;
  }

  @Override
  public Optional<TaskStatus> fail(ClaimedTask task, String error) {
    return queue.fail(task, error);
  }

  @Override
  public Map<String, String> logContext(ClaimedTask task) {
    return Map.of(
        "run", task.runId().toString(),
        "model", task.model(),
        "scope", task.scope().toString(),
        "task", Long.toString(task.id()),
        "attempt", Integer.toString(task.attempt()));
  }

  @Override
  public String describe(ClaimedTask task) {
    return "scope " + task.scope() + " (attempt " + task.attempt() + ")";
  }

  @Override
  public void counted(String status) {
    metrics.taskEnded(status);
  }
}

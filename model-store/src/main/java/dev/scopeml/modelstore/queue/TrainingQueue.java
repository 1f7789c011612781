package dev.scopeml.modelstore.queue;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Training runs and their per-scope tasks, shared by every worker of every trainer. */
public interface TrainingQueue {

  /** Stores a run and one pending task per scope, in one transaction. */
  RunRecord enqueue(NewRun run);

  /**
   * Claims the oldest claimable task: pending, or running with an expired lease, with attempts
   * left, of a run the trainers' workers train and that is not being cancelled. Never blocks on
   * tasks other workers are claiming.
   */
  Optional<ClaimedTask> claim(String worker, Duration lease);

  /** Extends the lease; false if the task is no longer held with this token. */
  boolean heartbeat(ClaimedTask task, Duration lease);

  /**
   * Ends a held task with a terminal, non-failed status and its result.
   *
   * @return false if the lease was lost (the task was re-claimed or already ended): nothing changed
   */
  boolean complete(ClaimedTask task, TaskStatus status, String resultJson);

  /**
   * Records a failed attempt: the task goes back to pending while attempts remain, else fails.
   *
   * @return the task's new status, or empty if the lease was lost
   */
  Optional<TaskStatus> fail(ClaimedTask task, String error);

  /**
   * Marks a task of a run another engine trains (a Spark application) as running on {@code worker},
   * one attempt more, as a claim would; no lease: the engine retries its own attempts.
   *
   * @return false if the task has ended (the run was cancelled, or an earlier attempt ended it):
   *     the scope is not to be trained
   */
  boolean startEngineTask(UUID run, ScopeKey scope, String worker);

  /**
   * Ends a task of a run another engine trains with its status and result, unless it has ended
   * already; marks the run finished when it was the last.
   *
   * @param resultJson the result, or null for a failure
   * @param error why it failed, or null
   * @return false if the task had ended already: nothing changed
   */
  boolean endEngineTask(
      UUID run, ScopeKey scope, TaskStatus status, String resultJson, String error);

  /**
   * Fails every task of the run that has not ended: the engine that trains it stopped before it
   * ended them.
   *
   * @return how many tasks it failed
   */
  int failUnfinished(UUID run, String error);

  /**
   * Asks a run to stop: pending tasks are cancelled at once; running ones finish their attempt.
   *
   * @return whether the run exists
   */
  boolean cancel(UUID run);

  /** Whether cancel was asked for this run. */
  boolean cancelRequested(UUID run);

  Optional<RunRecord> run(UUID id);

  /** The newest runs first. */
  List<RunRecord> runs(int limit);

  /** A run's tasks in enqueue order. */
  List<TaskRecord> tasks(UUID run);
}

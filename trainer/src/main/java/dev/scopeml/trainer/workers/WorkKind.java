package dev.scopeml.trainer.workers;

import dev.scopeml.modelstore.queue.TaskStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of work the worker pool claims from the queue: training tasks or scoring chunks. The
 * pool owns the loop, the heartbeats and the error handling; the kind claims, does and reports.
 *
 * @param <T> a claimed piece of work
 */
public interface WorkKind<T> {

  /** Claims the oldest claimable piece of this kind, if any. */
  Optional<T> claim(String worker, Duration lease);

  /** Extends the lease; false if the work is no longer held. */
  boolean heartbeat(T work, Duration lease);

  /** Does the work; throwing counts as a failed attempt. */
  Outcome run(T work, Lease lease) throws Exception;

  /** Reports an ended attempt; false if the lease was lost meanwhile. */
  boolean complete(T work, Outcome.Ended ended);

  /** Records a failed attempt; the new status, or empty if the lease was lost. */
  Optional<TaskStatus> fail(T work, String error);

  /** What the work's log lines carry in the MDC, e.g. {@code run}, {@code scope}, {@code task}. */
  Map<String, String> logContext(T work);

  /** The work in a log line, e.g. {@code scope contract=One year}. */
  String describe(T work);

  /** Counts an ended attempt: succeeded, skipped, cancelled, retried, failed or lease_lost. */
  void counted(String status);
}

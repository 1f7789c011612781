package dev.scopeml.trainer.workers;

import dev.scopeml.modelstore.queue.TaskStatus;

/** How an attempt at a piece of work ended, as far as the queue is to be told. */
public sealed interface Outcome {

  /**
   * The work ends with {@code status} and {@code result}.
   *
   * @param status a terminal, non-failed status
   * @param result stored as the work's result JSON
   */
  record Ended(TaskStatus status, Object result) implements Outcome {}

  /**
   * The worker lost the work (lease lost or pool halted): report nothing.
   *
   * @param why for the log
   */
  record Abandoned(String why) implements Outcome {}
}

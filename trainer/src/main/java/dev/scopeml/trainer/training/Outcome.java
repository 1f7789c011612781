package dev.scopeml.trainer.training;

import dev.scopeml.modelstore.queue.TaskStatus;

/** How a task attempt ended, as far as the queue is to be told. */
sealed interface Outcome {

  /** The task ends with {@code status} and {@code result}. */
  record Ended(TaskStatus status, TaskResult result) implements Outcome {}

  /** The worker lost the task (lease lost or pool halted): report nothing. */
  record Abandoned(String why) implements Outcome {}
}

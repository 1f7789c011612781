package dev.scopeml.trainer.training;

import dev.scopeml.modelstore.queue.ClaimedTask;

/**
 * Hears, on the worker's thread, when a task reaches a {@link TaskPhase}. Beans of this type are
 * called in order; tracing and fault-injection tests use it to act at an exact point of a task.
 */
@FunctionalInterface
public interface TaskPhaseListener {

  void reached(TaskPhase phase, ClaimedTask task);
}

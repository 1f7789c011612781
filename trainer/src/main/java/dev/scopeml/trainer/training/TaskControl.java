package dev.scopeml.trainer.training;

/** What a task's trainer asks its worker between phases. */
interface TaskControl {

  /** Tells the listeners the task reached {@code phase}. */
  void reached(TaskPhase phase);

  /**
   * Whether the worker must drop the task without reporting anything: its lease was lost, or the
   * pool was halted.
   */
  boolean abandoned();

  /** Tells the listeners the task reached {@code phase}, then whether to drop it. */
  default boolean stopsAt(TaskPhase phase) {
    reached(phase);
    return abandoned();
  }
}

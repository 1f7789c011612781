package dev.scopeml.trainer.training;

/** The points of a task a {@link TaskPhaseListener} hears about, in order. */
public enum TaskPhase {
  /** The worker holds the task's lease. */
  CLAIMED,
  /** The run's data is loaded and indexed. */
  LOADED,
  /** The model is fitted, nothing stored yet. */
  FITTED,
  /**
   * The version is stored (and promoted, by the run's policy, in the same transaction); the task is
   * not yet completed.
   */
  STORED
}

package dev.scopeml.modelstore.queue;

import java.util.Locale;

/** Where a task is in its life. */
public enum TaskStatus {
  PENDING,
  RUNNING,
  SUCCEEDED,
  SKIPPED,
  FAILED,
  CANCELLED;

  /** Whether the task is over. */
  public boolean isTerminal() {
    return this != PENDING && this != RUNNING;
  }

  String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TaskStatus fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}

package dev.scopeml.modelstore.queue;

import java.util.Locale;
import java.util.Map;

/** A run's status, derived from its tasks' statuses. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  PARTIALLY_FAILED,
  FAILED,
  CANCELLED;

  /** The API's spelling: {@code partially_failed}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status of a run whose tasks are counted by status. */
  static RunStatus derive(Map<TaskStatus, Integer> counts, boolean cancelRequested) {
    int total = counts.values().stream().mapToInt(Integer::intValue).sum();
    int pending = counts.getOrDefault(TaskStatus.PENDING, 0);
    int running = counts.getOrDefault(TaskStatus.RUNNING, 0);
    int failed = counts.getOrDefault(TaskStatus.FAILED, 0);
    int done =
        counts.getOrDefault(TaskStatus.SUCCEEDED, 0) + counts.getOrDefault(TaskStatus.SKIPPED, 0);
    if (pending + running > 0) {
      return pending == total ? QUEUED : RUNNING;
    }
    if (cancelRequested && counts.getOrDefault(TaskStatus.CANCELLED, 0) > 0) {
      return CANCELLED;
    }
    if (failed == 0) {
      return SUCCEEDED;
    }
    return done == 0 ? FAILED : PARTIALLY_FAILED;
  }
}

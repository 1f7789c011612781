package dev.scopeml.modelstore.queue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A run as stored, with its tasks counted by status.
 *
 * @param id run id
 * @param model the model it trains
 * @param spec the request JSON
 * @param cancelRequested whether cancel was asked for
 * @param createdAt when it was enqueued
 * @param finishedAt when its last task ended, or null
 * @param counts tasks by status
 * @param status derived status
 * @param engine what trains its scopes
 */
public record RunRecord(
    UUID id,
    String model,
    String spec,
    boolean cancelRequested,
    Instant createdAt,
    Instant finishedAt,
    Map<TaskStatus, Integer> counts,
    RunStatus status,
    Engine engine) {

  public RunRecord {
    counts = Map.copyOf(counts);
  }

  /** Number of tasks. */
  public int total() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Tasks in {@code status}. */
  public int count(TaskStatus status) {
    return counts.getOrDefault(status, 0);
  }
}

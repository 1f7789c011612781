package dev.scopeml.modelstore.queue;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A scoring job as stored, with its rows chunks counted by status and the row counts of the chunks
 * that succeeded.
 *
 * @param id job id
 * @param model the model it scores with
 * @param spec the job's spec JSON
 * @param maxErrors the most rejected rows it tolerates
 * @param cancelRequested whether cancel was asked for
 * @param failure why the job fails, once it does (too many rejected rows, a chunk that failed for
 *     good), else null
 * @param outcome how it ended, or null while it runs
 * @param createdAt when it was enqueued
 * @param startedAt the first claim of any of its chunks, or null
 * @param finishedAt when it ended, or null
 * @param chunks rows chunks by status
 * @param rows input rows of the succeeded chunks
 * @param scored rows scored by them
 * @param rejected rows they rejected
 * @param engine what scores its rows chunks
 */
public record ScoringJobRecord(
    UUID id,
    String model,
    String spec,
    long maxErrors,
    boolean cancelRequested,
    String failure,
    JobOutcome outcome,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Map<TaskStatus, Integer> chunks,
    long rows,
    long scored,
    long rejected,
    Engine engine) {

  public ScoringJobRecord {
    chunks = Map.copyOf(chunks);
  }

  /** Number of rows chunks. */
  public int totalChunks() {
    return chunks.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Rows chunks in {@code status}. */
  public int count(TaskStatus status) {
    return chunks.getOrDefault(status, 0);
  }

  /**
   * {@code queued} until a chunk is claimed, {@code running} until the commit chunk ends it, then
   * its outcome.
   */
  public String status() {
    if (outcome != null) {
      return outcome.apiName();
    }
    return startedAt == null ? "queued" : "running";
  }
}

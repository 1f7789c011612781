package dev.scopeml.modelstore.queue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Batch scoring jobs and their chunks, shared by every worker of every trainer like the {@link
 * TrainingQueue}. A job is one rows chunk per slice of its input plus a commit chunk. Rows chunks
 * are claimed while the job is neither cancelled nor failing; the commit chunk once no rows chunk
 * is pending or running. A rows chunk's result JSON carries the numbers {@code rows}, {@code
 * scored} and {@code rejected}; the queue adds them up, and fails the job as soon as the rejected
 * rows exceed its {@code maxErrors}.
 */
public interface ScoringQueue {

  /** Stores a job, one pending rows chunk per slice and its commit chunk, in one transaction. */
  ScoringJobRecord enqueue(NewScoringJob job);

  /**
   * Claims the oldest claimable chunk of any job, but a Spark job's rows chunk (its application
   * claims it with {@link #claimRows}); never blocks on chunks others are claiming.
   */
  Optional<ClaimedChunk> claim(String worker, Duration lease);

  /**
   * Claims the rows chunk of {@code job} if it is claimable: how a Spark application takes the job
   * it scores. Heartbeats, completion and failure then go as for any claimed chunk.
   */
  Optional<ClaimedChunk> claimRows(UUID job, String worker, Duration lease);

  /**
   * Fails the rows chunk of a Spark job whose application has ended without ending it, held or not,
   * and with it the job, so that the commit chunk names the output as partial.
   *
   * @return whether a rows chunk was still unended
   */
  boolean failAbandonedRows(UUID job, String reason);

  /** Extends the lease; false if the chunk is no longer held with this token. */
  boolean heartbeat(ClaimedChunk chunk, Duration lease);

  /**
   * Ends a held rows chunk as succeeded or cancelled with its result, and fails the job if its
   * rejected rows now exceed {@code maxErrors}.
   *
   * @return false if the lease was lost: nothing changed
   */
  boolean complete(ClaimedChunk chunk, TaskStatus status, String resultJson);

  /**
   * Ends a held commit chunk, and with it the job, with {@code outcome}.
   *
   * @return false if the lease was lost: nothing changed
   */
  boolean finish(ClaimedChunk commit, JobOutcome outcome, String resultJson);

  /**
   * Records a failed attempt: the chunk goes back to pending while attempts remain; else it fails
   * for good, and so does its job.
   *
   * @return the chunk's new status, or empty if the lease was lost
   */
  Optional<TaskStatus> fail(ClaimedChunk chunk, String error);

  /**
   * Asks a job to stop: pending rows chunks are cancelled at once, running ones end at their next
   * check, then the commit chunk names the output as partial.
   *
   * @return whether the job exists
   */
  boolean cancel(UUID job);

  /** Why the job's rows chunks should stop: {@code cancelled} or its failure; empty to go on. */
  Optional<String> stopReason(UUID job);

  Optional<ScoringJobRecord> job(UUID id);

  /** The newest jobs first. */
  List<ScoringJobRecord> jobs(int limit);

  /** A job's chunks in enqueue order, the commit chunk last. */
  List<ChunkRecord> chunks(UUID job);
}

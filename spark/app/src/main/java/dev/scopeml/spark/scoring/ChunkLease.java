package dev.scopeml.spark.scoring;

import dev.scopeml.modelstore.queue.ClaimedChunk;
import dev.scopeml.modelstore.queue.ScoringQueue;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the job's rows chunk while the cluster scores it: extends its lease, and stops the
 * application's Spark jobs as soon as the job is cancelled or failing, or the lease is lost.
 */
final class ChunkLease implements AutoCloseable {

  static final Duration LEASE = Duration.ofSeconds(60);
  private static final Duration HEARTBEAT = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(ChunkLease.class);

  private final ScoringQueue queue;
  private final ClaimedChunk chunk;
  private final SparkContext spark;
  private final ScheduledExecutorService beats =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());
  private volatile String stopped;

  ChunkLease(ScoringQueue queue, ClaimedChunk chunk, SparkContext spark) {
    this.queue = queue;
    this.chunk = chunk;
    this.spark = spark;
    beats.scheduleWithFixedDelay(
        this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      Optional<String> reason =
          queue.heartbeat(chunk, LEASE) ? queue.stopReason(chunk.jobId()) : Optional.of("lost");
      if (reason.isPresent() && stopped == null) {
        stopped = reason.get();
        log.warn("job {} stops: {}", chunk.jobId(), stopped);
        spark.cancelAllJobs();
      }
    } catch (RuntimeException e) {
      log.warn("heartbeat of job {} failed: {}", chunk.jobId(), e.getMessage());
    }
  }

  /** Why the job stopped ({@code cancelled}, its failure, or {@code lost}); empty to go on. */
  Optional<String> stopped() {
    return Optional.ofNullable(stopped).or(() -> queue.stopReason(chunk.jobId()));
  }

  @Override
  public void close() {
    beats.shutdownNow();
  }
}

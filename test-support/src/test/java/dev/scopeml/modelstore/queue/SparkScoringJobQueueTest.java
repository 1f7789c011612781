package dev.scopeml.modelstore.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.postgres.PostgresTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A scoring job on the Spark engine in the queue: its rows chunk is its application's alone, and
 * whatever an application that is gone left unended fails the job, so that a trainer's worker can
 * name its output as partial.
 */
class SparkScoringJobQueueTest extends PostgresTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private JdbcScoringQueue queue;

  @BeforeAll
  void createQueue() {
    queue = new JdbcScoringQueue(dataSource());
  }

  private ScoringJobRecord enqueueSparkJob() {
    return queue.enqueue(
        new NewScoringJob(
            UUID.randomUUID(), "m", "{}", 10, List.of("{\"firstRow\":1}"), 3, Engine.SPARK));
  }

  /** What a trainer's worker claims of {@code job}, passing over other tests' chunks. */
  private Optional<ClaimedChunk> workerClaimOf(ScoringJobRecord job) {
    while (true) {
      Optional<ClaimedChunk> chunk = queue.claim("trainer", LEASE);
      if (chunk.isEmpty() || chunk.get().jobId().equals(job.id())) {
        return chunk;
      }
      queue.fail(chunk.get(), "another test's chunk");
    }
  }

  @Test
  void theRowsChunkIsTheApplicationsAndAGoneApplicationFailsTheJob() {
    ScoringJobRecord job = enqueueSparkJob();
    assertThat(workerClaimOf(job)).as("a trainer's worker never claims the rows chunk").isEmpty();

    ClaimedChunk rows = queue.claimRows(job.id(), "spark:app-1", LEASE).orElseThrow();
    assertThat(rows.kind()).isEqualTo(ChunkKind.ROWS);

    assertThat(queue.failAbandonedRows(job.id(), "the Spark application ended FAILED")).isTrue();
    assertThat(queue.failAbandonedRows(job.id(), "again")).as("nothing left unended").isFalse();
    assertThat(queue.job(job.id()).orElseThrow().failure())
        .isEqualTo("the Spark application ended FAILED");
    assertThat(queue.chunks(job.id()))
        .filteredOn(c -> c.kind() == ChunkKind.ROWS)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.status()).isEqualTo(TaskStatus.FAILED);
              assertThat(c.error()).isEqualTo("the Spark application ended FAILED");
            });
    assertThat(queue.complete(rows, TaskStatus.SUCCEEDED, "{\"rows\":1}"))
        .as("the gone application's lease is void")
        .isFalse();
    assertThat(workerClaimOf(job).map(ClaimedChunk::kind))
        .as("the commit chunk is a worker's to take")
        .contains(ChunkKind.COMMIT);
  }
}

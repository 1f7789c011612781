package dev.scopeml.modelstore.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.postgres.PostgresTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdbcTrainingQueueTest extends PostgresTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private JdbcTrainingQueue queue;

  @BeforeAll
  void createQueue() {
    queue = new JdbcTrainingQueue(dataSource());
  }

  private RunRecord enqueue(int scopes, int maxAttempts) {
    List<ScopeKey> keys =
        IntStream.range(0, scopes).mapToObj(i -> ScopeKey.of("store", "s" + i)).toList();
    return queue.enqueue(
        new NewRun(UUID.randomUUID(), "m", "{\"label\":\"churn\"}", keys, maxAttempts));
  }

  /** Claims tasks of {@code run} only, skipping other tests' leftovers. */
  private Optional<ClaimedTask> claimOf(RunRecord run, String worker, Duration lease) {
    while (true) {
      Optional<ClaimedTask> task = queue.claim(worker, lease);
      if (task.isEmpty() || task.get().runId().equals(run.id())) {
        return task;
      }
      queue.complete(task.get(), TaskStatus.SKIPPED, "{}");
    }
  }

  @Test
  void enqueuesARunWithOneTaskPerScope() {
    RunRecord run = enqueue(3, 2);
    assertThat(run.total()).isEqualTo(3);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(queue.tasks(run.id()))
        .extracting(TaskRecord::scope)
        .extracting(ScopeKey::toString)
        .containsExactly("store=s0", "store=s1", "store=s2");
    assertThat(queue.run(run.id()).orElseThrow().spec()).contains("churn");
  }

  @Test
  void workersDrainEveryTaskExactlyOnce() throws Exception {
    RunRecord run = enqueue(500, 3);
    int workers = 4;
    Map<Long, Integer> completions = new ConcurrentHashMap<>();
    var perWorker = new ConcurrentHashMap<String, AtomicInteger>();
    var start = new CyclicBarrier(workers);
    try (var pool = Executors.newFixedThreadPool(workers)) {
      var futures = new ArrayList<Future<?>>();
      for (int w = 0; w < workers; w++) {
        String worker = "worker-" + w;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  Optional<ClaimedTask> task;
                  while ((task = claimOf(run, worker, LEASE)).isPresent()) {
                    Thread.sleep(1); // stands for the fit, so that workers overlap as in a real run
                    if (queue.complete(task.get(), TaskStatus.SUCCEEDED, "{\"ok\":true}")) {
                      completions.merge(task.get().id(), 1, Integer::sum);
                      perWorker.computeIfAbsent(worker, k -> new AtomicInteger()).incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (var future : futures) {
        future.get();
      }
    }
    assertThat(completions).hasSize(500);
    assertThat(completions.values()).as("completions per task").containsOnly(1);
    assertThat(perWorker.values()).as("every worker got work").hasSize(workers);
    RunRecord done = queue.run(run.id()).orElseThrow();
    assertThat(done.count(TaskStatus.SUCCEEDED)).isEqualTo(500);
    assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(done.finishedAt()).isNotNull();
  }

  @Test
  void expiredLeaseIsReclaimedAndTheStaleWorkerCannotFinish() throws Exception {
    RunRecord run = enqueue(1, 3);
    ClaimedTask stale = claimOf(run, "crashed", Duration.ofMillis(300)).orElseThrow();
    assertThat(claimOf(run, "other", LEASE)).as("a live lease is not claimable").isEmpty();
    Thread.sleep(600);
    ClaimedTask taken = claimOf(run, "other", LEASE).orElseThrow();
    assertThat(taken.id()).isEqualTo(stale.id());
    assertThat(taken.attempt()).isEqualTo(2);
    assertThat(queue.heartbeat(stale, LEASE)).as("stale heartbeat").isFalse();
    assertThat(queue.complete(stale, TaskStatus.SUCCEEDED, "{}")).as("stale complete").isFalse();
    assertThat(queue.fail(stale, "late")).as("stale fail").isEmpty();
    assertThat(queue.heartbeat(taken, LEASE)).isTrue();
    assertThat(queue.complete(taken, TaskStatus.SUCCEEDED, "{\"by\":\"other\"}")).isTrue();
    TaskRecord task = queue.tasks(run.id()).getFirst();
    assertThat(task.status()).isEqualTo(TaskStatus.SUCCEEDED);
    assertThat(task.leaseOwner()).isEqualTo("other");
    assertThat(task.result()).contains("other");
  }

  @Test
  void failedAttemptsRetryUpToTheLimit() {
    RunRecord run = enqueue(1, 2);
    ClaimedTask first = claimOf(run, "w", LEASE).orElseThrow();
    assertThat(queue.fail(first, "boom 1")).contains(TaskStatus.PENDING);
    ClaimedTask second = claimOf(run, "w", LEASE).orElseThrow();
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(queue.fail(second, "boom 2")).contains(TaskStatus.FAILED);
    assertThat(claimOf(run, "w", LEASE)).isEmpty();
    RunRecord failed = queue.run(run.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
    assertThat(queue.tasks(run.id()).getFirst().error()).isEqualTo("boom 2");
  }

  @Test
  void expiredLeaseWithNoAttemptsLeftFails() throws Exception {
    RunRecord run = enqueue(1, 1);
    claimOf(run, "crashed", Duration.ofMillis(200)).orElseThrow();
    Thread.sleep(400);
    assertThat(claimOf(run, "other", LEASE)).isEmpty();
    TaskRecord task = queue.tasks(run.id()).getFirst();
    assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(task.error()).contains("lease expired").contains("crashed");
  }

  @Test
  void cancelStopsPendingTasksAndLetsRunningOnesFinish() {
    RunRecord run = enqueue(3, 1);
    ClaimedTask running = claimOf(run, "w", LEASE).orElseThrow();
    assertThat(queue.cancel(run.id())).isTrue();
    assertThat(queue.cancelRequested(run.id())).isTrue();
    assertThat(claimOf(run, "w", LEASE)).isEmpty();
    assertThat(queue.run(run.id()).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(queue.complete(running, TaskStatus.SUCCEEDED, "{}")).isTrue();
    RunRecord cancelled = queue.run(run.id()).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
    assertThat(cancelled.count(TaskStatus.CANCELLED)).isEqualTo(2);
    assertThat(queue.cancel(UUID.randomUUID())).isFalse();
  }

  @Test
  void derivesRunStatusFromTasks() {
    assertThat(RunStatus.derive(Map.of(TaskStatus.SUCCEEDED, 2, TaskStatus.FAILED, 1), false))
        .isEqualTo(RunStatus.PARTIALLY_FAILED);
    assertThat(RunStatus.derive(Map.of(TaskStatus.SKIPPED, 2), false))
        .isEqualTo(RunStatus.SUCCEEDED);
    assertThat(RunStatus.derive(Map.of(TaskStatus.PENDING, 1, TaskStatus.SUCCEEDED, 1), false))
        .isEqualTo(RunStatus.RUNNING);
    assertThat(RunStatus.PARTIALLY_FAILED.apiName()).isEqualTo("partially_failed");
    assertThat(Set.of(RunStatus.values())).hasSize(6);
  }
}

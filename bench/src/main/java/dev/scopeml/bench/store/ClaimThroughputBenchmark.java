package dev.scopeml.bench.store;

import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.queue.JdbcTrainingQueue;
import dev.scopeml.modelstore.queue.NewRun;
import dev.scopeml.modelstore.queue.TaskStatus;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Measures how many tasks per second workers can claim and complete through the queue, with no work
 * in between: the queue's own overhead per task. Not a test: run by {@code bench/store.sh}.
 */
public final class ClaimThroughputBenchmark {

  private ClaimThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    int workers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int rounds = 5;
    var settings = TestPostgres.freshDatabase("claim_throughput");
    try (var pool = Database.pool(settings)) {
      var queue = new JdbcTrainingQueue(pool);
      double[] perSecond = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        var scopes =
            IntStream.range(0, tasks).mapToObj(i -> ScopeKey.of("store", "s" + i)).toList();
        queue.enqueue(new NewRun(UUID.randomUUID(), "bench", "{}", scopes, 3));
        long start = System.nanoTime();
        try (var threads = Executors.newFixedThreadPool(workers)) {
          var done = new ArrayList<Future<Integer>>();
          for (int w = 0; w < workers; w++) {
            String worker = "worker-" + w;
            done.add(
                threads.submit(
                    () -> {
                      int completed = 0;
                      var lease = Duration.ofSeconds(60);
                      for (var task = queue.claim(worker, lease);
                          task.isPresent();
                          task = queue.claim(worker, lease)) {
                        if (queue.complete(task.get(), TaskStatus.SUCCEEDED, "{}")) {
                          completed++;
                        }
                      }
                      return completed;
                    }));
          }
          int completed = 0;
          for (var future : done) {
            completed += future.get();
          }
          if (completed != tasks) {
            throw new IllegalStateException("completed " + completed + " of " + tasks);
          }
        }
        perSecond[round] = tasks / ((System.nanoTime() - start) / 1e9);
      }
      Arrays.sort(perSecond);
      System.out.printf(
          "task queue, %d workers, %d tasks x %d rounds (%s): median %.0f claim+complete/s"
              + " (min %.0f, max %.0f)%n",
          workers,
          tasks,
          rounds,
          TestPostgres.kind(),
          perSecond[rounds / 2],
          perSecond[0],
          perSecond[rounds - 1]);
    }
  }
}

package dev.scopeml.bench.store;

import dev.scopeml.load.Stats;
import dev.scopeml.modelstore.changes.ChangeListener;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.models.StoredModels;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Measures how long a promotion takes to reach a change listener: from the start of the promote
 * call (one transaction: lock, pointer move, event, NOTIFY, commit) to the notification's arrival,
 * and from the call's return (commit acknowledged) to the arrival. Not a test: run by {@code
 * bench/store.sh}.
 */
public final class ChangeFeedLatencyBenchmark {

  private ChangeFeedLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int promotions = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    DatabaseSettings settings = TestPostgres.freshDatabase("feed_latency");
    ScopeKey scope = ScopeKey.of("contract", "One year");
    var arrivals = new LinkedBlockingQueue<Long>();
    try (var pool = Database.pool(settings);
        var listener =
            new ChangeListener(
                    () -> Database.dedicatedConnection(settings),
                    change -> arrivals.offer(System.nanoTime()),
                    () -> {},
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1))
                .start()) {
      var store = new JdbcModelStore(pool);
      store.registerFamily(StoredModels.family("latency"));
      store.saveVersion(StoredModels.version("latency", scope, null, 0.8));
      store.saveVersion(StoredModels.version("latency", scope, null, 0.8));
      while (!listener.isConnected()) {
        Thread.sleep(10);
      }
      double[] fromCall = new double[promotions];
      double[] fromCommit = new double[promotions];
      for (int i = 0; i < promotions + 10; i++) {
        long start = System.nanoTime();
        store.promote("latency", scope, 1 + i % 2, "bench", "latency");
        long committed = System.nanoTime();
        Long arrived = arrivals.poll(5, TimeUnit.SECONDS);
        if (arrived == null) {
          throw new IllegalStateException("promotion " + i + " was never heard");
        }
        if (i >= 10) { // the first ten warm up the JIT and the connections
          fromCall[i - 10] = arrived - start;
          fromCommit[i - 10] = arrived - committed;
        }
      }
      System.out.printf(
          "change feed over %d promotions (%s): promote call -> notification median %.3f ms,"
              + " p99 %.3f ms; commit returned -> notification median %.3f ms%n",
          promotions,
          TestPostgres.kind(),
          millis(Stats.percentile(fromCall, 50)),
          millis(Stats.percentile(fromCall, 99)),
          millis(Stats.percentile(fromCommit, 50)));
    }
  }

  private static double millis(double nanos) {
    return nanos / 1e6;
  }
}

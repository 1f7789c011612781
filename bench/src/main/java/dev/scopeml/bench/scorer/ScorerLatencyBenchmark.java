package dev.scopeml.bench.scorer;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.load.HttpAnswer;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.KeepAliveConnection;
import dev.scopeml.load.Stats;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.testsupport.metrics.PrometheusText;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.TestPostgres;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Rough figures of one scorer process: the time to load (fetch, checksum, decode, verify) one telco
 * scope trained with 100 trees of depth 6, cold and warm; and HTTP latency over loopback of
 * single-row and 100-row predictions from one client thread on one keep-alive connection. Not a
 * figure of BENCHMARKS.md: run by {@code bench/scorer.sh}. The figures through nginx are figure 2.
 */
public final class ScorerLatencyBenchmark {

  private static final String PREDICT = TelcoModel.PREDICT;

  private ScorerLatencyBenchmark() {}

  public static void main(String[] args) throws IOException {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    DatabaseSettings settings = TestPostgres.freshDatabase("scorer_latency");
    TelcoModel trained = TelcoModel.train("Month-to-month", 100, 6, 1);
    TelcoModel retrained = TelcoModel.train("Month-to-month", 100, 6, 2);
    try (var pool = Database.pool(settings)) {
      var store = new JdbcModelStore(pool);
      trained.storeAndPromote(store);
      try (var scorer =
          Services.scorer(
              "scorer-latency",
              ServiceJars.scorer(),
              settings,
              Map.of("logging.level.root", "WARN"),
              BenchSettings.fromEnvironment().work().resolve("scorer"))) {
        scorer.awaitOk("/readyz", Duration.ofMinutes(2));
        double cold = loadedSeconds(scorer);
        System.out.printf("cold load (first load in a fresh JVM): %.1f ms%n", cold * 1000);
        int next = retrained.store(store);
        long promoted = System.nanoTime();
        retrained.promote(store, next);
        try (var connection = new KeepAliveConnection(scorer.port(), 10_000)) {
          byte[] probe = HttpRequests.postJson(scorer.port(), PREDICT, trained.body(1));
          while (!String.valueOf(next).equals(connection.send(probe).header("X-Model-Version"))) {
            Thread.onSpinWait();
          }
          System.out.printf(
              "warm load of a promoted version: %.1f ms (promotion commit to first answer: %.1f"
                  + " ms)%n",
              (loadedSeconds(scorer) - cold) * 1000, (System.nanoTime() - promoted) / 1e6);
          var server = new double[2];
          measure(connection, scorer, "single row", trained.body(1), requests, server);
          measure(connection, scorer, "100 rows", trained.body(100), requests / 10, server);
        }
      }
    }
  }

  /**
   * Times {@code requests} predictions after a quarter as many to warm up.
   *
   * @param server seconds and requests the scorer recorded before this measurement, updated
   */
  private static void measure(
      KeepAliveConnection connection,
      ServiceProcess scorer,
      String label,
      String body,
      int requests,
      double[] server)
      throws IOException {
    byte[] request = HttpRequests.postJson(scorer.port(), PREDICT, body);
    for (int i = 0; i < requests / 4; i++) {
      check(connection.send(request));
    }
    double[] micros = new double[requests];
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      long t = System.nanoTime();
      check(connection.send(request));
      micros[i] = (System.nanoTime() - t) / 1e3;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    PrometheusText metrics = PrometheusText.scrape(scorer.port());
    double serverSum = metrics.sum("scopeml_predictions_seconds_sum", "") - server[0];
    double serverCount = metrics.sum("scopeml_predictions_seconds_count", "") - server[1];
    server[0] += serverSum;
    server[1] += serverCount;
    System.out.printf(
        "HTTP %s: %d requests, median %.0f µs, p99 %.0f µs, %.0f requests/s (one client"
            + " connection); inside the controller %.0f µs on average%n",
        label,
        requests,
        Stats.median(micros),
        Stats.percentile(micros, 99),
        requests / seconds,
        serverSum / serverCount * 1e6);
  }

  private static void check(HttpAnswer answer) {
    if (answer.status() != 200) {
      throw new IllegalStateException(answer.status() + " " + answer.text());
    }
  }

  /** Seconds spent in successful loads so far, from the scorer's Prometheus metrics. */
  private static double loadedSeconds(ServiceProcess scorer) {
    return PrometheusText.scrape(scorer.port())
        .sum("scopeml_model_load_seconds_sum", "outcome=\"loaded\"");
  }
}

package dev.scopeml.scorer;

import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.testing.TestPostgres;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rough figures of one scorer in this JVM: the time to load (fetch, checksum, decode, verify) one
 * telco scope trained with 100 trees of depth 6, cold and warm; and HTTP latency over loopback of
 * single-row and 100-row predictions from one client thread. Not a test: run by {@code
 * bench/scorer.sh}. Real HTTP benchmarks through nginx belong to the nginx tier.
 */
public final class ScorerLatencyBenchmark {

  private ScorerLatencyBenchmark() {}

  public static void main(String[] args) {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    DatabaseSettings settings = TestPostgres.freshDatabase("scorer_latency");
    TelcoModels.Trained trained = TelcoModels.train("Month-to-month", 100, 1);
    TelcoModels.Trained retrained = TelcoModels.train("Month-to-month", 100, 2);
    try (var pool = Database.pool(settings)) {
      var store = new JdbcModelStore(pool);
      store.registerFamily(TelcoModels.family(trained.schema()));
      var v1 = store.saveVersion(trained.toVersion());
      store.promote(v1.model(), v1.scope(), v1.version(), "bench", "bench");
      try (RunningScorer scorer =
          RunningScorer.start(
              Map.of(
                  "scopeml.db.url", settings.url(),
                  "scopeml.db.user", settings.user(),
                  "scopeml.db.password", settings.password(),
                  "logging.level.root", "WARN"))) {
        scorer.awaitReady(java.time.Duration.ofSeconds(60));
        double cold = loadedSeconds(scorer);
        System.out.printf("cold load (first load in a fresh JVM): %.1f ms%n", cold * 1000);
        var v2 = store.saveVersion(retrained.toVersion());
        long promoted = System.nanoTime();
        store.promote(v2.model(), v2.scope(), v2.version(), "bench", "bench");
        String probe = body(trained.holdout().subList(0, 1));
        while (!scorer
            .post("/v1/models/churn/predict", probe)
            .headers()
            .firstValue("X-Model-Version")
            .orElse("")
            .equals(String.valueOf(v2.version()))) {
          Thread.onSpinWait();
        }
        System.out.printf(
            "warm load of a promoted version: %.1f ms (promotion commit to first answer: %.1f ms)%n",
            (loadedSeconds(scorer) - cold) * 1000, (System.nanoTime() - promoted) / 1e6);
        measure(scorer, "single row", body(trained.holdout().subList(0, 1)), requests);
        measure(scorer, "100 rows", body(trained.holdout().subList(0, 100)), requests / 10);
      }
    }
  }

  private static String body(List<Map<String, Object>> rows) {
    return RunningScorer.toJson(Map.of("scope", "contract=Month-to-month", "instances", rows));
  }

  private static void measure(RunningScorer scorer, String label, String body, int requests) {
    for (int i = 0; i < requests / 4; i++) {
      check(scorer.post("/v1/models/churn/predict", body));
    }
    long[] nanos = new long[requests];
    long start = System.nanoTime();
    for (int i = 0; i < requests; i++) {
      long t = System.nanoTime();
      check(scorer.post("/v1/models/churn/predict", body));
      nanos[i] = System.nanoTime() - t;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    String metrics = scorer.get("/actuator/prometheus").body();
    double serverSum = sum(metrics, "scopeml_predictions_seconds_sum{") - serverBefore[0];
    double serverCount = sum(metrics, "scopeml_predictions_seconds_count{") - serverBefore[1];
    serverBefore[0] += serverSum;
    serverBefore[1] += serverCount;
    Arrays.sort(nanos);
    System.out.printf(
        "HTTP %s: %d requests, median %.0f µs, p99 %.0f µs, %.0f requests/s (one client thread);"
            + " inside the controller %.0f µs on average%n",
        label,
        requests,
        nanos[requests / 2] / 1e3,
        nanos[(int) (requests * 0.99)] / 1e3,
        requests / seconds,
        serverSum / serverCount * 1e6);
  }

  private static void check(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.statusCode() + " " + response.body());
    }
  }

  /** Seconds spent in successful loads so far, from the scorer's Prometheus metrics. */
  private static double loadedSeconds(RunningScorer scorer) {
    return value(scorer.get("/actuator/prometheus").body(), "scopeml_model_load_seconds_sum{");
  }

  /** Server-side seconds and requests recorded before the current measurement. */
  private static final double[] serverBefore = new double[2];

  private static double sum(String metrics, String prefix) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(prefix))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static double value(String metrics, String prefix) {
    return metrics
        .lines()
        .filter(line -> line.startsWith(prefix) && line.contains("outcome=\"loaded\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}

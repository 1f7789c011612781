package dev.scopeml.bench.stream;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.models.FigureModel;
import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.load.Stats;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.testsupport.kafka.TestKafka;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 9: scored rows per second end to end through Kafka (publish, consume in the scorers'
 * group, score, produce, commit, read back as a {@code read_committed} reader), for one-row and
 * 100-row requests, one and two scorers, exactly-once and at-least-once; against a pass-through
 * group on the same broker that runs the same consume, transact and produce loop but copies each
 * request instead of scoring it. Rounds alternate scored and pass-through runs. Then the latency
 * from produce to committed result at half the peak rate. Run by {@code bench/stream.sh}.
 */
public final class StreamBenchmark {

  static final List<String> DELIVERIES = List.of("exactly-once", "at-least-once");
  static final List<Integer> ROWS = List.of(1, 100);

  /** One measured setting. */
  record Setting(String delivery, int scorers, int rows) {}

  /** Produce to committed result at a fixed rate. */
  record Latency(double perSecond, int requests, StreamReport.Latency latency) {}

  private StreamBenchmark() {}

  public static void main(String[] args) {
    BenchSettings settings = BenchSettings.fromEnvironment();
    Path work = settings.work().resolve("stream");
    DatabaseSettings db = TestPostgres.freshDatabase("bench_stream");
    TelcoModel model = FigureModel.train();
    try (var pool = Database.pool(db)) {
      model.storeAndPromote(new JdbcModelStore(pool));
    }
    Map<Integer, byte[]> requests = new LinkedHashMap<>();
    ROWS.forEach(rows -> requests.put(rows, model.streamRequest(rows)));
    int rounds = settings.count(3, 1);
    var scored = new LinkedHashMap<Setting, List<Double>>();
    var passed = new LinkedHashMap<Setting, List<Double>>();
    var latencies = new LinkedHashMap<Setting, Latency>();
    try (TestKafka kafka = TestKafka.start(work.resolve("kafka"))) {
      for (String delivery : DELIVERIES) {
        String name = delivery.replace("-", "");
        try (var scoring =
                StreamGroup.start(kafka, db, work.resolve("logs"), name, delivery, false, 2);
            var passing =
                StreamGroup.start(
                    kafka, db, work.resolve("logs"), name + "-pass", delivery, true, 2)) {
          for (int scorers = 2; scorers >= 1; scorers--) {
            if (scoring.size() > scorers) {
              scoring.stopOne();
              passing.stopOne();
            }
            for (int rows : ROWS) {
              // Warms the JIT and settles the group's partitions before anything is timed.
              int warmUp = settings.count(20_000, 2_000) / rows;
              scoring.run(requests.get(rows), rows, warmUp, 0);
              passing.run(requests.get(rows), rows, warmUp, 0);
            }
            for (int round = 1; round <= rounds; round++) {
              for (int rows : ROWS) {
                int count = settings.count(40_000, 4_000) / rows;
                var setting = new Setting(delivery, scorers, rows);
                measure(setting, "scored", scoring, requests.get(rows), count, scored);
                measure(setting, "pass-through", passing, requests.get(rows), count, passed);
              }
            }
            var oneRow = new Setting(delivery, scorers, 1);
            double peak = Stats.median(scored.get(oneRow));
            double rate = peak / 2;
            int count =
                (int)
                    (rate
                        * settings
                            .phase(Duration.ofSeconds(15), Duration.ofSeconds(4))
                            .toSeconds());
            StreamReport report = scoring.run(requests.get(1), 1, count, rate);
            latencies.put(oneRow, new Latency(rate, count, report.latency()));
            System.err.printf(
                "[stream] %s, %d scorer(s), 1 row at %.0f/s: p50 %.1f ms, p99 %.1f ms%n",
                delivery, scorers, rate, report.latency().p50(), report.latency().p99());
          }
        }
      }
    }
    StreamFigure.report(settings, rounds, scored, passed, latencies)
        .write(settings.results().resolve("9-stream.md"));
    System.exit(0);
  }

  private static void measure(
      Setting setting,
      String processor,
      StreamGroup group,
      byte[] request,
      int count,
      Map<Setting, List<Double>> into) {
    StreamReport report = group.run(request, setting.rows(), count, 0);
    into.computeIfAbsent(setting, s -> new ArrayList<>()).add(report.rowsPerSecond());
    System.err.printf(
        "[stream] %s, %d scorer(s), %d row(s), %s: %,.0f rows/s (%,d requests, %d duplicated)%n",
        setting.delivery(),
        setting.scorers(),
        setting.rows(),
        processor,
        report.rowsPerSecond(),
        count,
        report.duplicated());
  }
}

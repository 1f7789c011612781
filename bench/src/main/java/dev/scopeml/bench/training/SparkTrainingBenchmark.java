package dev.scopeml.bench.training;

import static dev.scopeml.bench.report.Target.number;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.report.FigureReport;
import dev.scopeml.bench.report.Target;
import dev.scopeml.processes.spark.StandaloneCluster;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Figure 11: the generated data set (200 scopes × 5,000 rows × 20 features, as in figure 4) trained
 * by the trainer with 2 worker threads, by the Spark engine on {@code local[2]}, and by the Spark
 * engine on a standalone cluster of 1 and then 2 Workers of one core each; wall times from
 * submission to the last scope's end, with the load average beside each. Run by {@code
 * bench/spark.sh}.
 */
public final class SparkTrainingBenchmark {

  /** The bound on Spark {@code local[2]} against the trainer with 2 workers. */
  private static final double OVERHEAD_TARGET = 1.3;

  private SparkTrainingBenchmark() {}

  /** One measured run: what trained it, its wall time, and the 1-minute load before and after. */
  private record Measured(String engine, double wallSeconds, String loadBefore, String loadAfter) {}

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromEnvironment();
    Path work = settings.freshWork("spark");
    Path data = Files.createDirectories(work.resolve("data"));
    int scopes = settings.count(200, 20);
    int rows = settings.count(5000, 1000);
    ScopedDataset.write(data.resolve("scoped.csv"), scopes, rows, 11);
    Path sparkHome = Path.of("spark/runtime/target/spark-home").toAbsolutePath();
    Path appJar = Path.of("spark/app/target/scopeml-spark.jar").toAbsolutePath();

    var measured = new ArrayList<Measured>();
    measured.add(measure("trainer, 2 workers", "trainer", null, data, work, sparkHome, appJar));
    measured.add(measure("spark local[2]", "spark", "local[2]", data, work, sparkHome, appJar));
    try (var cluster = new StandaloneCluster(sparkHome, work.resolve("cluster"), 1, "2g")) {
      cluster.start(0, Duration.ofMinutes(3));
      for (int workers = 1; workers <= 2; workers++) {
        cluster.addWorker(Duration.ofMinutes(3));
        String name = "spark standalone, " + workers + (workers == 1 ? " Worker" : " Workers");
        measured.add(measure(name, "spark", cluster.masterUrl(), data, work, sparkHome, appJar));
      }
    }
    report(settings, scopes, rows, measured).write(settings.results().resolve("11-spark.md"));
    System.exit(0);
  }

  private static Measured measure(
      String name, String engine, String master, Path data, Path work, Path home, Path jar)
      throws IOException, InterruptedException {
    var properties = new java.util.HashMap<String, String>();
    if (master != null) {
      properties.put("scopeml.spark.master", master);
      properties.put("scopeml.spark.home", home.toString());
      properties.put("scopeml.spark.app-jar", jar.toString());
      properties.put("scopeml.spark.log-directory", work.resolve("spark-logs").toString());
      properties.put("scopeml.spark.conf[spark.ui.enabled]", "false");
      properties.put("scopeml.spark.conf[spark.executor.memory]", "1g");
      properties.put("scopeml.spark.conf[spark.sql.shuffle.partitions]", "16");
      properties.put("scopeml.spark.conf[spark.sql.adaptive.coalescePartitions.enabled]", "false");
    }
    String file = name.replaceAll("[^a-z0-9]+", "-");
    try (var trainer =
        TrainerProcess.start(
            TestPostgres.freshDatabase("bench_spark"),
            data,
            master == null ? 2 : 0,
            work.resolve(file + ".log"),
            properties)) {
      String before = load();
      var timing =
          RunTiming.of(
              trainer.await(
                  trainer.submit("generated", "scoped.csv", "label", "scope", Map.of(), engine)));
      String after = load();
      System.err.printf(
          "[spark] %s: %.1f s wall (load %s -> %s)%n", name, timing.wallSeconds(), before, after);
      return new Measured(name, timing.wallSeconds(), before, after);
    }
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static FigureReport report(
      BenchSettings settings, int scopes, int rows, List<Measured> measured) {
    var report = new FigureReport("11", "Spark engine: scoped training on Spark");
    report.paragraph(settings.caveat());
    report.paragraph(
        """
        The generated data set of figure 4 (%d scopes × %,d rows × 20 features, \
        `dev.scopeml.bench.training.ScopedDataset`), xgboost with its defaults, each run on a \
        fresh database through `POST /v1/runs`: by the trainer with 2 worker threads \
        (`"engine": "trainer"`), and by the Spark application (`"engine": "spark"`) submitted by \
        the trainer with Spark's launcher to `local[2]`, then to a standalone Master with 1 and \
        then 2 Workers of one core each on this machine. Wall time is the run's submission to \
        its last scope's end, so the Spark rows include spark-submit, the driver's start, \
        reading the CSV and the shuffle by scope. No warm-up: every Spark run starts a new \
        application. The 1-minute load average is shown before and after each run: two Workers \
        on two shared cores cannot show scaling when the load is above 2."""
            .formatted(scopes, rows));
    report.command("bench/spark.sh");
    double trainer = measured.getFirst().wallSeconds();
    var table = new ArrayList<List<String>>();
    for (Measured m : measured) {
      table.add(
          List.of(
              m.engine(),
              number(m.wallSeconds(), 1),
              number(m.wallSeconds() / trainer, 2) + "×",
              m.loadBefore() + " → " + m.loadAfter()));
    }
    report.table(List.of("engine", "wall s", "vs trainer", "load average"), table);
    double ratio = measured.get(1).wallSeconds() / trainer;
    Target overhead = Target.atMost(ratio, OVERHEAD_TARGET, "≤ 1.3×");
    report.summary(
        "11", "Spark local[2] / trainer with 2 workers", number(ratio, 2) + "×", overhead);
    double speedup = measured.get(2).wallSeconds() / measured.get(3).wallSeconds();
    report.summary(
        "11", "standalone speedup 1 → 2 Workers", number(speedup, 2) + "×", Target.none());
    return report;
  }
}

package dev.scopeml.bench.training;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.load.Stats;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measurement, not a figure of BENCHMARKS.md: trains MLC churn by state (51 scopes, xgboost
 * defaults) on a trainer process with 1 and then 2 worker threads, each on a fresh database, and
 * prints each run's wall time, the speedup, and where task time goes (load, encode, fit, evaluate,
 * serialize, store). Run by {@code bench/training-scaling.sh [repeats]}.
 */
public final class TrainingScaling {

  private TrainingScaling() {}

  /** One run and the number of worker threads that trained it. */
  private record Measured(int workers, RunTiming timing) {}

  public static void main(String[] args) throws Exception {
    int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 1;
    Path work = BenchSettings.fromEnvironment().work().resolve("training-scaling");
    Path data = Files.createDirectories(work.resolve("data"));
    Files.copy(
        Path.of("datasets/mlc_churn.csv"),
        data.resolve("mlc_churn.csv"),
        StandardCopyOption.REPLACE_EXISTING);

    // Alternating 1 and 2 workers spreads any other load on the machine over both.
    var measured = new ArrayList<Measured>();
    for (int repeat = 1; repeat <= repeats; repeat++) {
      for (int workers : new int[] {1, 2}) {
        measured.add(new Measured(workers, measure(workers, data, work)));
      }
    }
    double oneWorker = median(measured, 1);
    System.out.println();
    System.out.println(
        "| workers | wall s | speedup | tasks | task s (sum) | load | encode | fit | evaluate"
            + " | serialize | store | outside fit | load+encode+serialize+store |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    measured.forEach(m -> System.out.println(line(m, oneWorker)));
    System.out.printf(
        Locale.ROOT,
        "%nmedian wall time: 1 worker %.2f s, 2 workers %.2f s, speedup %.2fx (%d runs each)%n",
        oneWorker,
        median(measured, 2),
        oneWorker / median(measured, 2),
        repeats);
    System.exit(0);
  }

  private static RunTiming measure(int workers, Path data, Path work) throws Exception {
    try (var trainer =
        TrainerProcess.start(
            TestPostgres.freshDatabase("bench_scaling_" + workers),
            data,
            workers,
            work.resolve("trainer-" + workers + ".log"))) {
      // Warms the JIT and xgboost's native library on a run that is not measured.
      trainer.await(
          trainer.submit("warmup", "mlc_churn.csv", "churn", "state", Map.of("trees", 20)));
      return RunTiming.of(
          trainer.await(trainer.submit("mlc", "mlc_churn.csv", "churn", "state", Map.of())));
    }
  }

  private static double median(List<Measured> measured, int workers) {
    double[] walls =
        measured.stream()
            .filter(m -> m.workers() == workers)
            .mapToDouble(m -> m.timing().wallSeconds())
            .toArray();
    return Stats.median(walls);
  }

  private static String line(Measured measured, double oneWorkerWall) {
    RunTiming timing = measured.timing();
    Map<String, Double> phases = timing.phases();
    double loadEncodeStore =
        phases.get("load")
            + phases.get("split")
            + phases.get("encode")
            + phases.get("envelope")
            + phases.get("store");
    return String.format(
        Locale.ROOT,
        "| %d | %.2f | %.2fx | %d | %.2f | %.3f | %.3f | %.2f | %.3f | %.3f | %.3f | %.1f%% | %.1f%% |",
        measured.workers(),
        timing.wallSeconds(),
        oneWorkerWall / timing.wallSeconds(),
        timing.tasks(),
        timing.taskSeconds(),
        phases.get("load"),
        phases.get("encode"),
        phases.get("fit"),
        phases.get("evaluate"),
        phases.get("envelope"),
        phases.get("store"),
        100 * timing.outsideFit(),
        100 * loadEncodeStore / timing.taskSeconds());
  }
}

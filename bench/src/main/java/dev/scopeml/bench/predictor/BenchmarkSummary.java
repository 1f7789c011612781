package dev.scopeml.bench.predictor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;

/**
 * Prints the medians of a {@link PredictorBenchmark} run from JMH's JSON results: per prediction
 * path, the single-row median in microseconds and the batch median as rows per second.
 */
public final class BenchmarkSummary {

  private BenchmarkSummary() {}

  /**
   * @param args the JMH JSON result file
   */
  public static void main(String[] args) throws Exception {
    JmhResults results = JmhResults.parse(Files.readString(Path.of(args[0])));
    System.out.printf("%-16s %18s %22s%n", "path", "single row (µs)", "batch of 1000 (rows/s)");
    var paths = new LinkedHashSet<String>();
    paths.addAll(results.singleMicros().keySet());
    paths.addAll(results.batchMicros().keySet());
    for (String path : paths) {
      double single = results.single(path);
      double rows = results.rowsPerSecond(path);
      System.out.printf(
          "%-16s %18s %22s%n",
          path,
          Double.isNaN(single) ? "-" : "%.2f".formatted(single),
          Double.isNaN(rows) ? "-" : "%,.0f".formatted(rows));
    }
  }
}

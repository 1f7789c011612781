package dev.scopeml.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
    JsonNode results = JsonMapper.shared().readTree(Files.readString(Path.of(args[0])));
    var single = new LinkedHashMap<String, Double>();
    var batch = new LinkedHashMap<String, Double>();
    for (JsonNode result : results.values()) {
      String method = result.path("benchmark").asString();
      method = method.substring(method.lastIndexOf('.') + 1);
      JsonNode metric = result.path("primaryMetric");
      double median = metric.path("scorePercentiles").path("50.0").doubleValue();
      double micros = median * toMicros(metric.path("scoreUnit").asString());
      if (method.endsWith("Single")) {
        single.put(method.substring(0, method.length() - "Single".length()), micros);
      } else if (method.endsWith("Batch")) {
        batch.put(method.substring(0, method.length() - "Batch".length()), micros);
      }
    }
    System.out.printf("%-16s %18s %22s%n", "path", "single row (µs)", "batch of 1000 (rows/s)");
    var paths = new LinkedHashMap<String, Boolean>();
    single.keySet().forEach(p -> paths.put(p, true));
    batch.keySet().forEach(p -> paths.put(p, true));
    for (String path : paths.keySet()) {
      System.out.printf(
          "%-16s %18s %22s%n", path, format(single, path, 1, "%.2f"), rowsPerSecond(batch, path));
    }
  }

  private static String format(Map<String, Double> values, String path, double scale, String f) {
    Double value = values.get(path);
    return value == null ? "-" : f.formatted(value * scale);
  }

  private static String rowsPerSecond(Map<String, Double> batchMicros, String path) {
    Double micros = batchMicros.get(path);
    return micros == null ? "-" : "%,.0f".formatted(PredictorBenchmark.BATCH / (micros / 1e6));
  }

  private static double toMicros(String unit) {
    return switch (unit) {
      case "ns/op" -> 1e-3;
      case "us/op" -> 1;
      case "ms/op" -> 1e3;
      case "s/op" -> 1e6;
      default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
    };
  }
}

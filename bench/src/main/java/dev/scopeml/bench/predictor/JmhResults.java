package dev.scopeml.bench.predictor;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The medians of a {@link PredictorBenchmark} run, read from JMH's JSON results: per prediction
 * path (the method name without its {@code Single}/{@code Batch} suffix), the median single-row
 * call and the median batch call, in microseconds.
 *
 * @param singleMicros median single-row call per path
 * @param batchMicros median call on a batch of {@link PredictorBenchmark#BATCH} rows per path
 */
record JmhResults(Map<String, Double> singleMicros, Map<String, Double> batchMicros) {

  static JmhResults parse(String json) {
    JsonNode results = JsonMapper.shared().readTree(json);
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
    return new JmhResults(single, batch);
  }

  /** Rows per second of a path's batch calls, NaN if it was not measured. */
  double rowsPerSecond(String path) {
    Double micros = batchMicros.get(path);
    return micros == null ? Double.NaN : PredictorBenchmark.BATCH / (micros / 1e6);
  }

  /** A path's median single-row call in microseconds, NaN if it was not measured. */
  double single(String path) {
    return singleMicros.getOrDefault(path, Double.NaN);
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

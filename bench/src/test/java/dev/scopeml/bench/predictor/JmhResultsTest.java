package dev.scopeml.bench.predictor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JmhResultsTest {

  private static String result(String method, String unit, double median) {
    return """
        {"benchmark": "dev.scopeml.bench.predictor.PredictorBenchmark.%s",
         "primaryMetric": {"score": 1.0, "scoreUnit": "%s",
                           "scorePercentiles": {"0.0": 0.1, "50.0": %s, "100.0": 9.0}}}"""
        .formatted(method, unit, median);
  }

  @Test
  void readsMediansPerPathInMicroseconds() {
    String json =
        "["
            + String.join(
                ",",
                result("fastSingle", "us/op", 2.5),
                result("fastBatch", "ms/op", 0.5),
                result("tribuoSingle", "ns/op", 90_000))
            + "]";
    JmhResults results = JmhResults.parse(json);
    assertThat(results.single("fast")).isEqualTo(2.5);
    assertThat(results.single("tribuo")).isEqualTo(90);
    assertThat(results.batchMicros().get("fast")).isEqualTo(500);
    assertThat(results.rowsPerSecond("fast")).as("1,000 rows in 500 µs").isEqualTo(2_000_000);
    assertThat(results.rowsPerSecond("tribuo")).isNaN();
    assertThat(results.single("smileGbm")).isNaN();
  }
}

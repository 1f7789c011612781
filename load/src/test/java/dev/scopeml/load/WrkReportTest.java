package dev.scopeml.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkReportTest {

  private static final String OUTPUT =
      """
      Running 10s test @ http://127.0.0.1:40000/v1/models/churn/predict
        1 threads and 16 connections
        Thread Stats   Avg      Stdev     Max   +/- Stdev
          Latency     2.31ms    4.02ms  98.12ms   95.12%
          Req/Sec     7.91k   512.33     8.70k    81.00%
        Latency Distribution
           50%  1.52ms
           75%  2.10ms
           90%    3.40ms
           99%   21.33ms
        78712 requests in 10.00s, 25.41MB read
        Socket errors: connect 0, read 2, write 0, timeout 1
        Non-2xx or 3xx responses: 4
      Requests/sec:   7869.43
      Transfer/sec:      2.54MB
      """;

  @Test
  void readsRateLatenciesAndErrors() {
    WrkReport report = WrkReport.parse(OUTPUT);
    assertThat(report.requestsPerSecond()).isEqualTo(7869.43);
    assertThat(report.p50Millis()).isEqualTo(1.52);
    assertThat(report.p99Millis()).isEqualTo(21.33);
    assertThat(report.requests()).isEqualTo(78712);
    assertThat(report.errors()).as("non-2xx plus socket errors").isEqualTo(7);
  }

  @Test
  void convertsMicrosecondsAndSeconds() {
    String output =
        OUTPUT.replace("50%  1.52ms", "50%  812.00us").replace("99%   21.33ms", "99%    1.20s");
    WrkReport report = WrkReport.parse(output);
    assertThat(report.p50Millis()).isEqualTo(0.812);
    assertThat(report.p99Millis()).isEqualTo(1200);
  }

  @Test
  void aCleanRunHasNoErrors() {
    String output =
        OUTPUT
            .replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
            .replace("  Non-2xx or 3xx responses: 4\n", "");
    assertThat(WrkReport.parse(output).errors()).isZero();
  }

  @Test
  void refusesOutputWithoutTheLatencyDistribution() {
    assertThatThrownBy(() -> WrkReport.parse("Requests/sec: 10.0\n1 requests in 1s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--latency");
  }
}

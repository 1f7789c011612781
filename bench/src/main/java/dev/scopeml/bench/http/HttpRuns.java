package dev.scopeml.bench.http;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.load.Stats;
import dev.scopeml.load.Wrk;
import dev.scopeml.load.WrkReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The runs of the HTTP figures, alternated so that drift in the machine's load hits every endpoint
 * alike: a warm-up, then rounds of wrk at full speed over every endpoint in turn, then rounds of
 * wrk paced to half of each endpoint's median peak (and the scorer at the Python peer's rate, to
 * compare latency under the same load). Pacing is wrk's own {@code delay()} hook: each connection
 * pauses a fixed time after every answer, and the number of connections sets the rate. A Java
 * open-loop generator costs more CPU per request than wrk, and at half of wrk's peak on two shared
 * cores it became the bottleneck it was meant to measure around.
 */
final class HttpRuns {

  /** wrk's connections: enough to keep both cores busy through nginx. */
  static final int CONNECTIONS = 16;

  static final int WRK_THREADS = 1;

  /**
   * The pause of each wrk connection between requests in the fixed-rate runs. Against it, a
   * request's latency is small, so {@code connections = rate × pause} offers about the rate.
   */
  static final long PAUSE_MILLIS = 10;

  private final BenchSettings settings;
  private final int port;
  private final Wrk wrk;
  private final ToDoubleFunction<Endpoint> serverCpu;

  /**
   * @param settings the run's settings
   * @param port nginx's port
   * @param work a folder for wrk's files
   * @param serverCpu CPU seconds used so far by the server process(es) behind an endpoint
   */
  HttpRuns(BenchSettings settings, int port, Path work, ToDoubleFunction<Endpoint> serverCpu) {
    this.settings = settings;
    this.port = port;
    this.wrk = new Wrk(work);
    this.serverCpu = serverCpu;
  }

  /**
   * One fixed-rate series.
   *
   * @param name how the report names it
   * @param endpoint what it loads
   * @param rate requests per second
   * @param runs one result per round
   */
  record RateSeries(String name, Endpoint endpoint, double rate, List<WrkReport> runs) {

    /** Connections that, each pausing {@link #PAUSE_MILLIS} between requests, offer the rate. */
    int connections() {
      return Math.max(1, (int) Math.round(rate * PAUSE_MILLIS / 1000));
    }

    double achievedRate() {
      return Stats.median(runs.stream().map(WrkReport::requestsPerSecond).toList());
    }

    double medianP50() {
      return Stats.median(runs.stream().map(WrkReport::p50Millis).toList());
    }

    double medianP99() {
      return Stats.median(runs.stream().map(WrkReport::p99Millis).toList());
    }

    long failures() {
      return runs.stream().mapToLong(WrkReport::errors).sum();
    }
  }

  /**
   * Everything measured.
   *
   * @param endpoints the endpoints
   * @param peaks wrk's reports per endpoint, one per round
   * @param cpuMicros server CPU microseconds per request during each peak run, per endpoint
   * @param rates the fixed-rate series
   * @param peakPhase how long each wrk run lasted
   * @param ratePhase how long each fixed-rate run lasted
   */
  record Measured(
      HttpEndpoints endpoints,
      Map<Endpoint, List<WrkReport>> peaks,
      Map<Endpoint, List<Double>> cpuMicros,
      List<RateSeries> rates,
      Duration peakPhase,
      Duration ratePhase) {

    double medianPeak(Endpoint endpoint) {
      return Stats.median(peaks.get(endpoint).stream().map(WrkReport::requestsPerSecond).toList());
    }

    double medianCpuMicros(Endpoint endpoint) {
      return Stats.median(cpuMicros.get(endpoint));
    }

    double medianP50(Endpoint endpoint) {
      return Stats.median(peaks.get(endpoint).stream().map(WrkReport::p50Millis).toList());
    }

    double medianP99(Endpoint endpoint) {
      return Stats.median(peaks.get(endpoint).stream().map(WrkReport::p99Millis).toList());
    }

    long errors(Endpoint endpoint) {
      return peaks.get(endpoint).stream().mapToLong(WrkReport::errors).sum();
    }

    int rounds() {
      return peaks.values().iterator().next().size();
    }
  }

  Measured measure(HttpEndpoints endpoints) {
    Duration warm = settings.phase(Duration.ofSeconds(5), Duration.ofSeconds(2));
    for (Endpoint endpoint : endpoints.all()) {
      log("warm-up " + endpoint.name());
      wrk.run(url(endpoint), endpoint.body(), WRK_THREADS, CONNECTIONS, warm);
    }
    int rounds = settings.count(3, 1);
    Duration peakPhase = settings.phase(Duration.ofSeconds(10), Duration.ofSeconds(3));
    var peaks = new LinkedHashMap<Endpoint, List<WrkReport>>();
    var cpu = new LinkedHashMap<Endpoint, List<Double>>();
    endpoints.all().forEach(e -> peaks.put(e, new ArrayList<>()));
    endpoints.all().forEach(e -> cpu.put(e, new ArrayList<>()));
    for (int round = 1; round <= rounds; round++) {
      for (Endpoint endpoint : endpoints.all()) {
        double cpuBefore = serverCpu.applyAsDouble(endpoint);
        WrkReport report =
            wrk.run(url(endpoint), endpoint.body(), WRK_THREADS, CONNECTIONS, peakPhase);
        double cpuUsed = serverCpu.applyAsDouble(endpoint) - cpuBefore;
        cpu.get(endpoint).add(cpuUsed * 1e6 / report.requests());
        log(
            "round %d %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms"
                .formatted(
                    round,
                    endpoint.name(),
                    report.requestsPerSecond(),
                    report.p50Millis(),
                    report.p99Millis()));
        peaks.get(endpoint).add(report);
      }
    }
    Duration ratePhase = settings.phase(Duration.ofSeconds(10), Duration.ofSeconds(3));
    var partial = new Measured(endpoints, peaks, cpu, List.of(), peakPhase, ratePhase);
    double pythonHalf = partial.medianPeak(endpoints.pythonSingle()) / 2;
    var series =
        List.of(
            series("constant at 50% of its peak", endpoints.constant(), partial),
            series("predict, 1 row at 50% of its peak", endpoints.single(), partial),
            series("Python, 1 row at 50% of its peak", endpoints.pythonSingle(), partial),
            new RateSeries(
                "predict, 1 row at the Python peer's 50% rate",
                endpoints.single(), pythonHalf, new ArrayList<>()));
    for (int round = 1; round <= rounds; round++) {
      for (RateSeries s : series) {
        WrkReport result =
            wrk.run(
                url(s.endpoint()),
                s.endpoint().body(),
                WRK_THREADS,
                s.connections(),
                ratePhase,
                PAUSE_MILLIS);
        log(
            "round %d %s (%.0f req/s offered, %d connections): %.0f req/s, p50 %.2f ms, p99 %.2f ms"
                .formatted(
                    round,
                    s.name(),
                    s.rate(),
                    s.connections(),
                    result.requestsPerSecond(),
                    result.p50Millis(),
                    result.p99Millis()));
        s.runs().add(result);
      }
    }
    return new Measured(endpoints, peaks, cpu, series, peakPhase, ratePhase);
  }

  private RateSeries series(String name, Endpoint endpoint, Measured partial) {
    return new RateSeries(name, endpoint, partial.medianPeak(endpoint) / 2, new ArrayList<>());
  }

  private String url(Endpoint endpoint) {
    return "http://127.0.0.1:" + port + endpoint.path();
  }

  private static void log(String line) {
    System.err.println("[http] " + line);
  }
}

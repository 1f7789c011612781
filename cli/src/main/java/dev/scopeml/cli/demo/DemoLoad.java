package dev.scopeml.cli.demo;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.LoadResult;
import dev.scopeml.load.Resend;
import dev.scopeml.load.Sample;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * A steady, light stream of single-row predictions on a few keep-alive connections, counting every
 * request, every failure (an error status, or no complete response) and which scorer release
 * answered. Like curl or wrk, it never resends a request. It runs on the same load generator as the
 * tests.
 */
final class DemoLoad implements AutoCloseable {

  /** Pause between a connection's requests: keeps the load light on a two-core laptop. */
  private static final Duration PAUSE = Duration.ofMillis(10);

  /** A bound only: the demo stops the load when its rollout is done. */
  private static final Duration AT_MOST = Duration.ofMinutes(30);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String SCORER_VERSION = "X-Scorer-Version";

  private final HttpLoad.Running load;
  private volatile long markNanos = Long.MAX_VALUE;

  /**
   * A snapshot of the counts.
   *
   * @param sent requests answered or failed
   * @param failed requests that failed
   * @param byRelease answers per scorer release
   * @param sinceMark answers per scorer release among requests sent after {@link #mark()}
   */
  record Counts(long sent, long failed, Map<String, Long> byRelease, Map<String, Long> sinceMark) {}

  /**
   * Starts the load.
   *
   * @param predict the predict URL, on 127.0.0.1
   * @param rows the rows to send, one per request
   * @param connections concurrent connections, like as many separate applications
   * @param tls the TLS client for an https URL, or null
   */
  DemoLoad(URI predict, List<Map<String, Object>> rows, int connections, SSLContext tls) {
    List<byte[]> requests =
        rows.stream()
            .map(
                row ->
                    HttpRequests.postJson(
                        predict.getPort(),
                        predict.getPath(),
                        JSON.writeValueAsString(Map.of("instances", List.of(row)))))
            .toList();
    this.load =
        HttpLoad.start(
            HttpLoad.Settings.of(predict.getPort(), requests)
                .withConnections(connections)
                .withPause(PAUSE)
                .withDuration(AT_MOST)
                .withResend(Resend.NEVER)
                .withTls(tls));
  }

  /** From now on, answers are also counted in {@link Counts#sinceMark()}. */
  void mark() {
    markNanos = System.nanoTime();
  }

  Counts counts() {
    LoadResult result = load.soFar();
    var byRelease = new TreeMap<String, Long>();
    var sinceMark = new TreeMap<String, Long>();
    for (Sample sample : result.samples()) {
      if (!sample.failed()) {
        String release = Objects.requireNonNullElse(sample.header(SCORER_VERSION), "?");
        byRelease.merge(release, 1L, Long::sum);
        if (sample.scheduledNanos() >= markNanos) {
          sinceMark.merge(release, 1L, Long::sum);
        }
      }
    }
    return new Counts(result.samples().size(), result.failures(), byRelease, sinceMark);
  }

  /** The first few failures, to show what went wrong. */
  List<String> failures() {
    return load.soFar().failed().stream()
        .limit(5)
        .map(s -> s.answer() == null ? s.error() : "HTTP " + s.status() + " " + s.text())
        .toList();
  }

  /** Stops the load; requests in flight finish. */
  @Override
  public void close() {
    load.stop();
  }
}

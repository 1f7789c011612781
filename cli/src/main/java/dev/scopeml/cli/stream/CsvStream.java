package dev.scopeml.cli.stream;

import dev.scopeml.cli.ProgressBar;
import dev.scopeml.kafka.stream.StreamProgress;
import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.kafka.stream.StreamRun;
import dev.scopeml.kafka.stream.StreamTopics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams the rows of a CSV file through the scorers' Kafka trigger and says what came back: each
 * request published to the requests topic, then the results and dead-letter topics read as a {@code
 * read_committed} reader until every request is answered, with a progress bar, then the counts
 * (sent, results, missing, duplicated, dead letters), rows per second and the latency from produce
 * to committed result. The {@code stream} command and the demo both stream through it.
 */
public final class CsvStream {

  private final Map<String, Object> client;
  private final StreamTopics topics;
  private final PrintWriter out;
  private final boolean terminal;

  /**
   * @param client Kafka client properties of the cluster
   * @param out where the progress and the report go
   * @param terminal whether {@code out} is a terminal: the progress bar redraws one line
   */
  public CsvStream(
      Map<String, Object> client, StreamTopics topics, PrintWriter out, boolean terminal) {
    this.client = client;
    this.topics = topics;
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * @param rowsPerRequest rows in each request
   * @param repeat how many times the file is sent
   * @param perSecond requests a second, or 0 for as fast as the producer takes them
   */
  public StreamReport stream(
      Path csv, String model, int rowsPerRequest, int repeat, double perSecond, Duration timeout) {
    List<byte[]> requests = CsvRequests.read(csv, model, rowsPerRequest);
    int total = Math.multiplyExact(requests.size(), repeat);
    try (var run = new StreamRun(client, topics, total, rowsPerRequest)) {
      var progress = new ProgressLine();
      var publisher =
          Thread.ofPlatform()
              .name("stream-publisher")
              .start(() -> run.publish(n -> requests.get(n % requests.size()), perSecond));
      StreamReport report = run.await(timeout, progress::show);
      progress.end();
      try {
        publisher.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return report;
    }
  }

  /** The report's lines, for a person. */
  public void print(StreamReport report) {
    out.printf(
        Locale.ROOT,
        "  sent %,d   results %,d   missing %,d   duplicated %,d   dead letters %,d%n",
        report.sent(),
        report.results(),
        report.missing(),
        report.duplicated(),
        report.deadLetters());
    out.printf(
        Locale.ROOT,
        "  %,.0f rows/s (%,d rows in %.1f s)   produce to committed result: p50 %,.0f ms   p90 %,.0f"
            + " ms   p99 %,.0f ms   max %,.0f ms%n",
        report.rowsPerSecond(),
        report.rows(),
        report.elapsed().toNanos() / 1e9,
        report.latency().p50(),
        report.latency().p90(),
        report.latency().p99(),
        report.latency().max());
    report
        .deadLetterReasons()
        .forEach(
            (reason, count) -> out.printf(Locale.ROOT, "  dead letter ×%,d: %s%n", count, reason));
    if (report.sendFailures() > 0) {
      out.printf(Locale.ROOT, "  %,d requests could not be sent%n", report.sendFailures());
    }
    out.flush();
  }

  /** One line redrawn in a terminal; elsewhere a line every few seconds. */
  private final class ProgressLine {

    private long lastPrinted;

    void show(StreamProgress progress) {
      String line =
          String.format(
              Locale.ROOT,
              "%s %,d/%,d answered  %,d dead letters  %.1f s",
              ProgressBar.of(progress.answered(), progress.requests()),
              progress.answered(),
              progress.requests(),
              progress.deadLetters(),
              progress.elapsed().toNanos() / 1e9);
      if (terminal) {
        out.print("\r  " + line);
      } else if (System.nanoTime() - lastPrinted > 5_000_000_000L
          || progress.answered() == progress.requests()) {
        out.println("  " + line);
        lastPrinted = System.nanoTime();
      }
      out.flush();
    }

    void end() {
      if (terminal) {
        out.println();
      }
    }
  }
}

package dev.scopeml.kafka.stream;

import java.time.Duration;
import java.util.Map;

/**
 * What a run of the stream client saw as a {@code read_committed} reader: how many requests it
 * sent, how many were answered (by a result or a dead letter), how many got none or more than one
 * answer, and how fast.
 *
 * @param requests requests the run was to send
 * @param rows rows in those requests
 * @param sent requests the broker acknowledged
 * @param sendFailures requests the broker did not take
 * @param answered requests with at least one result or dead letter
 * @param results result records read
 * @param deadLetters dead-letter records read
 * @param missing requests with no answer
 * @param duplicated answers beyond the first, over all requests
 * @param elapsed from the first send to the last first answer
 * @param latency produce to committed answer, in milliseconds: p50, p90, p99, max (NaN without any)
 * @param deadLetterReasons up to five distinct reasons the scorers gave, with their counts
 */
public record StreamReport(
    int requests,
    long rows,
    long sent,
    long sendFailures,
    long answered,
    long results,
    long deadLetters,
    long missing,
    long duplicated,
    Duration elapsed,
    Latency latency,
    Map<String, Long> deadLetterReasons) {

  /**
   * Percentiles of the time from producing a request to reading its committed answer.
   *
   * @param p50 median, in milliseconds
   * @param p90 90th percentile, in milliseconds
   * @param p99 99th percentile, in milliseconds
   * @param max the slowest, in milliseconds
   */
  public record Latency(double p50, double p90, double p99, double max) {}

  /** Whether every request got exactly one answer. */
  public boolean exactlyOnce() {
    return missing == 0 && duplicated == 0 && sendFailures == 0;
  }

  /** Rows answered per second, first send to last first answer. */
  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? Double.NaN : rows * (double) answered / requests / seconds;
  }

  /** Requests answered per second, first send to last first answer. */
  public double requestsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? Double.NaN : answered / seconds;
  }
}

package dev.scopeml.kafka.stream;

import dev.scopeml.load.Stats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The answers of each request of a run: results and dead letters counted per request, when each
 * request was sent and first answered, and a few of the reasons dead letters gave. Answers are
 * counted by the run's reader thread; {@link #report} is read once the reader has stopped.
 */
final class AnswerTally {

  private static final int KEPT_REASONS = 5;

  private final int requests;
  private final long[] sentNanos;
  private final long[] answeredNanos;
  private final int[] results;
  private final int[] deadLetters;
  private final Map<String, Long> reasons = new LinkedHashMap<>();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();

  AnswerTally(int requests) {
    this.requests = requests;
    this.sentNanos = new long[requests];
    this.answeredNanos = new long[requests];
    this.results = new int[requests];
    this.deadLetters = new int[requests];
  }

  void sent(int request, long nanos) {
    sentNanos[request] = nanos;
  }

  long sentAt(int request) {
    return sentNanos[request];
  }

  void result(int request) {
    results[request]++;
    answered(request);
  }

  /** A dead letter, with the reason in its {@link StreamRun#ERROR_HEADER} header. */
  void deadLetter(int request, Headers headers) {
    deadLetters[request]++;
    deadLettered.incrementAndGet();
    Header reason = headers.lastHeader(StreamRun.ERROR_HEADER);
    String text =
        reason == null ? "(no reason given)" : new String(reason.value(), StandardCharsets.UTF_8);
    if (reasons.containsKey(text) || reasons.size() < KEPT_REASONS) {
      reasons.merge(text, 1L, Long::sum);
    }
    answered(request);
  }

  /** Requests with at least one answer so far. */
  long answered() {
    return answered.get();
  }

  /** Dead letters so far. */
  long deadLettered() {
    return deadLettered.get();
  }

  /**
   * @param rows rows in all requests
   * @param firstSendNanos when the first request was sent
   * @param sent requests the broker took
   * @param sendFailures requests the broker did not take
   */
  StreamReport report(long rows, long firstSendNanos, long sent, long sendFailures) {
    long missing = 0;
    long duplicated = 0;
    long resultCount = 0;
    long deadCount = 0;
    long last = firstSendNanos;
    var latencies = new double[requests];
    int measured = 0;
    for (int n = 0; n < requests; n++) {
      int answers = results[n] + deadLetters[n];
      resultCount += results[n];
      deadCount += deadLetters[n];
      if (answers == 0) {
        missing++;
      } else {
        duplicated += answers - 1;
        latencies[measured++] = (answeredNanos[n] - sentNanos[n]) / 1e6;
        last = Math.max(last, answeredNanos[n]);
      }
    }
    double[] observed = Arrays.copyOf(latencies, measured);
    var latency =
        new StreamReport.Latency(
            Stats.percentile(observed, 50),
            Stats.percentile(observed, 90),
            Stats.percentile(observed, 99),
            Stats.percentile(observed, 100));
    return new StreamReport(
        requests,
        rows,
        sent,
        sendFailures,
        requests - missing,
        resultCount,
        deadCount,
        missing,
        duplicated,
        Duration.ofNanos(Math.max(0, last - firstSendNanos)),
        latency,
        new HashMap<>(reasons));
  }

  private void answered(int request) {
    if (results[request] + deadLetters[request] == 1) {
      answeredNanos[request] = System.nanoTime();
      answered.incrementAndGet();
    }
  }
}

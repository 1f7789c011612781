package dev.scopeml.cli.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A steady, bounded stream of single-row predictions from a few threads, counting every request,
 * every failure (an error status, or no response even after one resend) and which scorer release
 * answered.
 */
final class DemoLoad implements AutoCloseable {

  /** Pause between a thread's requests: keeps the load light on a two-core laptop. */
  private static final long PAUSE_MILLIS = 10;

  private final Supplier<ScoringClient> clients;
  private final List<Map<String, Object>> rows;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();
  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder resent = new LongAdder();
  private final Map<String, LongAdder> byRelease = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> sinceMark = new ConcurrentHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private volatile long markNanos = Long.MAX_VALUE;

  /**
   * A snapshot of the counts.
   *
   * @param sent requests answered or failed
   * @param failed requests that failed
   * @param resent requests resent once because their keep-alive connection closed under them
   * @param byRelease answers per scorer release
   * @param sinceMark answers per scorer release among requests sent after {@link #mark()}
   */
  record Counts(
      long sent,
      long failed,
      long resent,
      Map<String, Long> byRelease,
      Map<String, Long> sinceMark) {}

  /**
   * @param clients a new client per thread: like separate applications, each thread keeps its own
   *     keep-alive connection, so a connection nginx closed under one thread is that thread's only
   *     one, and its resend necessarily opens a new connection
   * @param rows the rows to send, one per request, in turn
   * @param threadCount concurrent senders
   */
  DemoLoad(Supplier<ScoringClient> clients, List<Map<String, Object>> rows, int threadCount) {
    this.clients = clients;
    this.rows = List.copyOf(rows);
    for (int i = 0; i < threadCount; i++) {
      int offset = i;
      threads.add(Thread.ofPlatform().name("demo-load-" + i).daemon().start(() -> loop(offset)));
    }
  }

  private void loop(int offset) {
    try (ScoringClient client = clients.get()) {
      loop(client, offset);
    }
  }

  private void loop(ScoringClient client, int offset) {
    int next = offset;
    while (running.get()) {
      Map<String, Object> row = rows.get(next++ % rows.size());
      long start = System.nanoTime();
      try {
        ScoringClient.Answer answer = send(client, row);
        if (answer.status() == 200) {
          count(byRelease, answer.scorerVersion());
          if (start >= markNanos) {
            count(sinceMark, answer.scorerVersion());
          }
        } else {
          fail("HTTP " + answer.status() + " " + answer.body());
        }
      } catch (IOException e) {
        fail(e.toString());
      } catch (InterruptedException e) {
        return;
      }
      sent.increment();
      try {
        Thread.sleep(PAUSE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /**
   * A keep-alive connection can be closed by nginx just as a request goes out on it: a worker
   * retiring after a reload closes its idle client connections. HTTP/1.1 lets a client resend an
   * idempotent request that got no response, and a prediction is a pure function, so such a request
   * is resent once on a fresh connection, and counted as resent. A second failure is a failure.
   */
  private ScoringClient.Answer send(ScoringClient client, Map<String, Object> row)
      throws IOException, InterruptedException {
    try {
      return client.predict(List.of(row));
    } catch (IOException noResponse) {
      resent.increment();
      return client.predict(List.of(row));
    }
  }

  /** From now on, answers are also counted in {@link Counts#sinceMark()}. */
  void mark() {
    markNanos = System.nanoTime();
  }

  Counts counts() {
    return new Counts(
        sent.sum(), failed.sum(), resent.sum(), snapshot(byRelease), snapshot(sinceMark));
  }

  /** The first few failures, to show what went wrong. */
  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() {
    running.set(false);
    for (Thread thread : threads) {
      try {
        thread.join(35_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private synchronized void fail(String reason) {
    failed.increment();
    if (failures.size() < 5) {
      failures.add(reason);
    }
  }

  private static void count(Map<String, LongAdder> counts, String release) {
    counts.computeIfAbsent(release, key -> new LongAdder()).increment();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    var copy = new TreeMap<String, Long>();
    counts.forEach((release, count) -> copy.put(release, count.sum()));
    return copy;
  }
}

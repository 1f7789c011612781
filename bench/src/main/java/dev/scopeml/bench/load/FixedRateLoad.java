package dev.scopeml.bench.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load from a fixed number of keep-alive connections, each on its own thread, either open-loop at a
 * fixed rate or closed-loop as fast as the server answers.
 *
 * <p>Open loop, request {@code i} is due at {@code start + i / rate}; the next free connection
 * sends it, and its latency is counted from when it was due, not from when it went out. So when the
 * server stalls, the requests that would have been sent meanwhile carry the stall in their latency
 * (what wrk2 calls correcting coordinated omission), instead of the load politely waiting. Each
 * request body is drawn at random from the given ones.
 */
public final class FixedRateLoad {

  /**
   * How to load.
   *
   * @param port the port on 127.0.0.1
   * @param requests complete requests; each send picks one at random
   * @param rate requests per second, or 0 for closed loop (as fast as answers come)
   * @param duration how long requests are due for
   * @param connections connections (and threads)
   * @param watchedHeader a response header to keep per request (e.g. {@code X-Model-Version}), or
   *     null
   */
  public record Settings(
      int port,
      List<byte[]> requests,
      double rate,
      Duration duration,
      int connections,
      String watchedHeader) {}

  private static final long GIVE_UP = Duration.ofSeconds(5).toNanos();

  private FixedRateLoad() {}

  /** Runs the load to its end and returns every request's outcome. */
  public static LoadResult run(Settings settings) {
    return start(settings).await();
  }

  /** Starts the load on its own threads; {@link Running#stop()} ends it early. */
  public static Running start(Settings settings) {
    return new Running(settings);
  }

  /** A load in progress. */
  public static final class Running {

    private final long start;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong unsent = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final List<List<Sample>> perThread = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile long end;

    private Running(Settings settings) {
      start = System.nanoTime() + Duration.ofMillis(20).toNanos();
      end = start + settings.duration().toNanos();
      boolean openLoop = settings.rate() > 0;
      double interval = openLoop ? 1e9 / settings.rate() : 0;
      long total = openLoop ? (long) (settings.duration().toNanos() / interval) : Long.MAX_VALUE;
      var tickets = new AtomicLong();
      for (int c = 0; c < settings.connections(); c++) {
        var samples = new ArrayList<Sample>();
        perThread.add(samples);
        threads.add(
            Thread.ofPlatform()
                .name("load-" + c)
                .start(
                    () -> {
                      try (var connection = new KeepAliveConnection(settings.port(), 15_000)) {
                        while (!stopped.get()) {
                          long ticket = tickets.getAndIncrement();
                          if (ticket >= total) {
                            break;
                          }
                          long due;
                          if (openLoop) {
                            due = start + (long) (ticket * interval);
                            if (due >= end) {
                              break;
                            }
                            waitUntil(due);
                            // Requests still queued long after the end are given up as unsent.
                            if (System.nanoTime() > end + GIVE_UP) {
                              unsent.incrementAndGet();
                              continue;
                            }
                          } else {
                            waitUntil(start);
                            due = System.nanoTime();
                            if (due >= end) {
                              break;
                            }
                          }
                          samples.add(send(connection, settings, due));
                        }
                        resent.addAndGet(connection.resent());
                      }
                    }));
      }
    }

    /** When the first request was due ({@link System#nanoTime()}). */
    public long startNanos() {
      return start;
    }

    /** Ends the load now (requests in flight finish) and returns the outcomes. */
    public LoadResult stop() {
      end = Math.min(end, System.nanoTime());
      return await();
    }

    /** Waits for the load to end and returns the outcomes. */
    public LoadResult await() {
      for (Thread thread : threads) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          stopped.set(true);
          throw new IllegalStateException("interrupted while waiting for the load", e);
        }
      }
      var samples = new ArrayList<Sample>();
      perThread.forEach(samples::addAll);
      samples.sort(Comparator.comparingLong(Sample::scheduledNanos));
      long last =
          samples.stream().mapToLong(s -> s.scheduledNanos() + s.latencyNanos()).max().orElse(end);
      return new LoadResult(samples, unsent.get(), resent.get(), (last - start) / 1e9);
    }
  }

  private static Sample send(KeepAliveConnection connection, Settings settings, long due) {
    List<byte[]> requests = settings.requests();
    byte[] request = requests.get(ThreadLocalRandom.current().nextInt(requests.size()));
    try {
      HttpAnswer answer = connection.send(request);
      String version =
          settings.watchedHeader() == null ? null : answer.header(settings.watchedHeader());
      return new Sample(due, System.nanoTime() - due, answer.status(), version);
    } catch (IOException e) {
      return new Sample(due, System.nanoTime() - due, -1, null);
    }
  }

  private static void waitUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}

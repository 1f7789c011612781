package dev.scopeml.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.ssl.SSLContext;

/**
 * The load generator of the tests and benchmarks: a fixed number of keep-alive connections to
 * 127.0.0.1, each on its own thread, either open-loop at a fixed rate or closed-loop (each
 * connection sends its next request when the last one is answered, after an optional pause).
 *
 * <p>Open loop, request {@code i} is due at {@code start + i / rate}; the next free connection
 * sends it, and its latency is counted from when it was due, not from when it went out. So when the
 * server stalls, the requests that would have been sent meanwhile carry the stall in their latency
 * (what wrk2 calls correcting coordinated omission), instead of the load politely waiting. Each
 * request is drawn at random from the given ones.
 *
 * <p>Whether a request whose connection closed under it is resent is the run's {@link Resend}
 * choice. {@link Resend#NEVER}, the default, counts what a plain client such as curl or wrk would
 * see.
 */
public final class HttpLoad {

  /**
   * How to load.
   *
   * @param port the port on 127.0.0.1
   * @param requests complete requests; each send picks one at random
   * @param rate requests per second, or 0 for closed loop
   * @param pause closed loop: the pause between one connection's requests (bounds the rate)
   * @param duration how long requests are due for; a run may be stopped earlier
   * @param connections connections (and threads)
   * @param resend what to do with a request whose connection closed before answering
   * @param tls the TLS client to connect with, or null for plain HTTP
   */
  public record Settings(
      int port,
      List<byte[]> requests,
      double rate,
      Duration pause,
      Duration duration,
      int connections,
      Resend resend,
      SSLContext tls) {

    public Settings {
      requests = List.copyOf(requests);
    }

    /**
     * One connection sending {@code requests} closed-loop without pauses for a minute, never
     * resending; change what differs with the {@code with…} methods.
     */
    public static Settings of(int port, List<byte[]> requests) {
      return new Settings(
          port, requests, 0, Duration.ZERO, Duration.ofMinutes(1), 1, Resend.NEVER, null);
    }

    /** JSON {@code body} POSTed to {@code target}, an http URI on 127.0.0.1. */
    public static Settings post(URI target, String body) {
      int port = target.getPort();
      return of(port, List.of(HttpRequests.postJson(port, target.getPath(), body)));
    }

    /** Open loop at {@code perSecond} requests per second. */
    public Settings withRate(double perSecond) {
      return new Settings(port, requests, perSecond, pause, duration, connections, resend, tls);
    }

    public Settings withPause(Duration between) {
      return new Settings(port, requests, rate, between, duration, connections, resend, tls);
    }

    public Settings withDuration(Duration lasting) {
      return new Settings(port, requests, rate, pause, lasting, connections, resend, tls);
    }

    public Settings withConnections(int count) {
      return new Settings(port, requests, rate, pause, duration, count, resend, tls);
    }

    public Settings withResend(Resend policy) {
      return new Settings(port, requests, rate, pause, duration, connections, policy, tls);
    }

    /** Over TLS, trusting what {@code client} trusts. */
    public Settings withTls(SSLContext client) {
      return new Settings(port, requests, rate, pause, duration, connections, resend, client);
    }
  }

  private static final long GIVE_UP = Duration.ofSeconds(5).toNanos();
  private static final int TIMEOUT_MILLIS = 15_000;

  private HttpLoad() {}

  /** Runs the load to its end and returns every request's outcome. */
  public static LoadResult run(Settings settings) {
    return start(settings).await();
  }

  /** Starts the load on its own threads; {@link Running#stop()} ends it early. */
  public static Running start(Settings settings) {
    return new Running(settings);
  }

  /** A load in progress; closing it stops it. */
  public static final class Running implements AutoCloseable {

    private final long start;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicLong unsent = new AtomicLong();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile long end;
    private LoadResult result;

    private Running(Settings settings) {
      start = System.nanoTime() + Duration.ofMillis(20).toNanos();
      end = start + settings.duration().toNanos();
      boolean openLoop = settings.rate() > 0;
      double interval = openLoop ? 1e9 / settings.rate() : 0;
      long total = openLoop ? (long) (settings.duration().toNanos() / interval) : Long.MAX_VALUE;
      var tickets = new AtomicLong();
      for (int c = 0; c < settings.connections(); c++) {
        threads.add(
            Thread.ofPlatform()
                .name("load-" + c)
                .start(
                    () -> {
                      try (var connection =
                          new KeepAliveConnection(
                              settings.port(), TIMEOUT_MILLIS, settings.resend(), settings.tls())) {
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
                          samples.add(send(connection, settings.requests(), due));
                          if (!openLoop) {
                            waitUntil(System.nanoTime() + settings.pause().toNanos());
                          }
                        }
                      }
                    }));
      }
    }

    /** When the first request was due ({@link System#nanoTime()}). */
    public long startNanos() {
      return start;
    }

    /** The requests answered or failed so far, while the load runs on. */
    public LoadResult soFar() {
      return result(System.nanoTime());
    }

    /** Ends the load now (requests in flight finish) and returns the outcomes. */
    public LoadResult stop() {
      end = Math.min(end, System.nanoTime());
      return await();
    }

    /** Waits for the load to end and returns the outcomes. */
    public synchronized LoadResult await() {
      if (result == null) {
        for (Thread thread : threads) {
          try {
            thread.join();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.set(true);
            throw new IllegalStateException("interrupted while waiting for the load", e);
          }
        }
        result = result(end);
      }
      return result;
    }

    /** Stops the load; {@link #stop()} or {@link #await()} give the outcomes. */
    @Override
    public void close() {
      stop();
    }

    private LoadResult result(long fallbackEnd) {
      var sorted = new ArrayList<>(samples);
      sorted.sort(Comparator.comparingLong(Sample::scheduledNanos));
      long last =
          sorted.stream()
              .mapToLong(s -> s.scheduledNanos() + s.latencyNanos())
              .max()
              .orElse(fallbackEnd);
      long resent = sorted.stream().filter(Sample::resent).count();
      return new LoadResult(sorted, unsent.get(), resent, (last - start) / 1e9);
    }
  }

  private static Sample send(KeepAliveConnection connection, List<byte[]> requests, long due) {
    byte[] request = requests.get(ThreadLocalRandom.current().nextInt(requests.size()));
    long resentBefore = connection.resent();
    try {
      HttpAnswer answer = connection.send(request);
      return new Sample(
          due,
          System.nanoTime() - due,
          System.currentTimeMillis(),
          answer,
          null,
          connection.resent() > resentBefore);
    } catch (IOException e) {
      return new Sample(
          due,
          System.nanoTime() - due,
          System.currentTimeMillis(),
          null,
          e.toString(),
          connection.resent() > resentBefore);
    }
  }

  private static void waitUntil(long nanos) {
    for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}

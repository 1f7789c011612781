package dev.scopeml.nginx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady, bounded load of prediction requests through nginx: a few client threads, each sending
 * one request at a time with a pause between, for at most a fixed time. Records every outcome.
 */
public final class LoadGenerator implements AutoCloseable {

  /** One request's outcome. */
  public record Outcome(
      long startNanos,
      long latencyNanos,
      int status,
      String scorerVersion,
      String error,
      boolean resent) {
    public boolean failed() {
      return status != 200;
    }
  }

  private final HttpClient client = newClient();
  private final URI target;
  private final String body;
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();

  /**
   * @param target the predict URL
   * @param body the request body
   * @param clients concurrent client threads
   * @param pause pause between one client's requests (bounds the rate)
   * @param maxDuration the load stops by itself after this long
   */
  public LoadGenerator(URI target, String body, int clients, Duration pause, Duration maxDuration) {
    this.target = target;
    this.body = body;
    long deadline = System.nanoTime() + maxDuration.toNanos();
    for (int i = 0; i < clients; i++) {
      threads.add(
          Thread.ofPlatform()
              .name("load-" + i)
              .start(
                  () -> {
                    while (running.get() && System.nanoTime() < deadline) {
                      outcomes.add(send());
                      sleep(pause);
                    }
                  }));
    }
  }

  /**
   * Sends one request. A keep-alive connection can be closed by the server just as a request goes
   * out on it (an nginx worker retiring after a reload closes its idle connections); HTTP/1.1 lets
   * a client resend an idempotent request then, and a prediction is a pure function. So a request
   * that got no response at all is resent once, on a fresh connection, and counted as resent.
   */
  private Outcome send() {
    long start = System.nanoTime();
    try {
      return attempt(client, start, false);
    } catch (IOException first) {
      // A client of its own, with an empty pool: the shared one may hold more connections that a
      // retiring worker has just closed, and would hand out one of those again.
      try (var fresh = newClient()) {
        return attempt(fresh, start, true);
      } catch (IOException second) {
        return new Outcome(start, System.nanoTime() - start, -1, null, second.toString(), true);
      }
    }
  }

  private static HttpClient newClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2))
        .build();
  }

  private Outcome attempt(HttpClient using, long start, boolean resent) throws IOException {
    var request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(15))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = using.send(request, HttpResponse.BodyHandlers.ofString());
      return new Outcome(
          start,
          System.nanoTime() - start,
          response.statusCode(),
          response.headers().firstValue("X-Scorer-Version").orElse(null),
          response.statusCode() == 200 ? null : response.body(),
          resent);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(start, System.nanoTime() - start, -1, null, "interrupted", resent);
    }
  }

  /** How many requests were resent after their connection closed under them. */
  public long resent() {
    return outcomes.stream().filter(Outcome::resent).count();
  }

  /** Outcomes so far. */
  public List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /** Outcomes of requests started at or after {@code nanos}. */
  public List<Outcome> outcomesSince(long nanos) {
    return outcomes.stream().filter(o -> o.startNanos() >= nanos).toList();
  }

  /** Stops the load and waits for in-flight requests. */
  @Override
  public void close() {
    running.set(false);
    for (Thread thread : threads) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(20));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The latency at {@code percentile} in milliseconds. */
  public static double percentileMillis(List<Outcome> outcomes, double percentile) {
    if (outcomes.isEmpty()) {
      return Double.NaN;
    }
    var latencies = new ArrayList<Long>(outcomes.stream().map(Outcome::latencyNanos).toList());
    Collections.sort(latencies);
    int index = (int) Math.ceil(percentile / 100 * latencies.size()) - 1;
    return latencies.get(Math.max(0, index)) / 1e6;
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

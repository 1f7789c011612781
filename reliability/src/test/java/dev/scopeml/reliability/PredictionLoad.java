package dev.scopeml.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded load of one prediction request sent straight to one scorer, recording for every request
 * its status, the model version that answered and the predicted probabilities. Unlike the nginx
 * tier's load generator it never resends: with no balancer in between, a request that got no answer
 * is a failure of the scorer.
 */
public final class PredictionLoad implements AutoCloseable {

  /**
   * One request.
   *
   * @param startNanos when it was sent ({@link System#nanoTime})
   * @param answeredAtMillis when its answer arrived, wall clock (comparable with database times)
   * @param status the HTTP status, -1 when no answer came
   * @param modelVersion the {@code X-Model-Version} header
   * @param probabilities the first prediction's probabilities as JSON text, or the error
   */
  public record Outcome(
      long startNanos,
      long answeredAtMillis,
      int status,
      String modelVersion,
      String probabilities) {

    public boolean failed() {
      return status != 200;
    }
  }

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final URI target;
  private final String body;
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<Thread> threads = new ArrayList<>();

  /**
   * @param target the predict URL
   * @param body the request body
   * @param clients concurrent clients
   * @param pause pause between one client's requests
   * @param maxDuration the load stops by itself after this long
   */
  public PredictionLoad(
      URI target, String body, int clients, Duration pause, Duration maxDuration) {
    this.target = target;
    this.body = body;
    long deadline = System.nanoTime() + maxDuration.toNanos();
    for (int i = 0; i < clients; i++) {
      threads.add(
          Thread.ofPlatform()
              .name("prediction-load-" + i)
              .start(
                  () -> {
                    while (running.get() && System.nanoTime() < deadline) {
                      outcomes.add(send());
                      try {
                        Thread.sleep(pause);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  }));
    }
  }

  private Outcome send() {
    long start = System.nanoTime();
    var request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Outcome(
          start,
          System.currentTimeMillis(),
          response.statusCode(),
          response.headers().firstValue("X-Model-Version").orElse(null),
          response.statusCode() == 200
              ? Http.JSON
                  .readTree(response.body())
                  .path("predictions")
                  .path(0)
                  .path("probabilities")
                  .toString()
              : response.body());
    } catch (IOException e) {
      return new Outcome(start, System.currentTimeMillis(), -1, null, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(start, System.currentTimeMillis(), -1, null, "interrupted");
    }
  }

  public List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  public List<Outcome> failures() {
    return outcomes.stream().filter(Outcome::failed).toList();
  }

  /** The first answer given by {@code version}, in order of arrival. */
  public Optional<Outcome> firstAnsweredBy(String version) {
    return outcomes.stream()
        .filter(o -> version.equals(o.modelVersion()))
        .min(java.util.Comparator.comparingLong(Outcome::answeredAtMillis));
  }

  /** Stops the load and waits for requests in flight. */
  @Override
  public void close() {
    running.set(false);
    for (Thread thread : threads) {
      try {
        thread.join(Duration.ofSeconds(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

package dev.scopeml.processes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Whether an HTTP endpoint answers 200: the readiness probe of the scorers, the trainer and nginx,
 * and the wait for a process that was just started to become ready.
 */
public final class HttpProbe {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(1))
          .build();

  private HttpProbe() {}

  /** Whether a GET of {@code uri} answers 200 within a few seconds; false on anything else. */
  public static boolean ok(URI uri) {
    var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3)).GET().build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Polls {@code uri} every {@code every} until it answers 200, giving up early when {@code
   * process} exits: a process that died will never answer, and its exit code says more than a
   * timeout would.
   *
   * @return when ({@link System#nanoTime()}) the first 200 arrived
   * @throws NotReadyException if the process exited or {@code timeout} passed first
   */
  public static long awaitOk(URI uri, Process process, Duration timeout, Duration every) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (ok(uri)) {
        return System.nanoTime();
      }
      if (process != null && !process.isAlive()) {
        throw new NotReadyException(
            "exited with code " + process.exitValue() + " before " + uri + " answered 200");
      }
      if (System.nanoTime() > deadline) {
        throw new NotReadyException(
            uri + " did not answer 200 within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(every);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NotReadyException("interrupted while waiting for " + uri);
      }
    }
  }

  /** {@link #awaitOk(URI, Process, Duration, Duration)} for a server no process of ours runs. */
  public static long awaitOk(URI uri, Duration timeout, Duration every) {
    return awaitOk(uri, null, timeout, every);
  }
}

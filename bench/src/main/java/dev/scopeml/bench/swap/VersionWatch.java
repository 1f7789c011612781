package dev.scopeml.bench.swap;

import dev.scopeml.load.HttpAnswer;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.KeepAliveConnection;
import java.io.IOException;
import java.time.Duration;

/**
 * Asks one scorer, directly rather than through nginx, which model version answers a predict
 * request, until it is the expected one.
 */
final class VersionWatch {

  private final int port;
  private final byte[] request;

  VersionWatch(int port, String path, String body) {
    this.port = port;
    this.request = HttpRequests.postJson(port, path, body);
  }

  /**
   * Polls every {@code every} until the answer carries {@code X-Model-Version: version}.
   *
   * @return when that answer arrived ({@link System#nanoTime()})
   */
  long awaitVersion(int version, Duration every, Duration timeout) throws IOException {
    String expected = Integer.toString(version);
    long deadline = System.nanoTime() + timeout.toNanos();
    try (var connection = new KeepAliveConnection(port, 5_000)) {
      while (true) {
        HttpAnswer answer = connection.send(request);
        long now = System.nanoTime();
        if (answer.status() == 200 && expected.equals(answer.header("X-Model-Version"))) {
          return now;
        }
        if (now > deadline) {
          throw new IOException(
              "scorer on port " + port + " did not serve version " + version + " in " + timeout);
        }
        try {
          Thread.sleep(every);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
  }
}

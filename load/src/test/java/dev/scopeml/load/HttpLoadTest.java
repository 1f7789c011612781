package dev.scopeml.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpLoadTest {

  private HttpServer server;
  private volatile long delayMillis;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "{\"ok\":true}".getBytes();
          exchange.getResponseHeaders().add("X-Model-Version", "7");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private HttpLoad.Settings settings(double rate, Duration duration, int connections) {
    int port = server.getAddress().getPort();
    return HttpLoad.Settings.of(port, List.of(HttpRequests.postJson(port, "/predict", "{}")))
        .withRate(rate)
        .withDuration(duration)
        .withConnections(connections);
  }

  @Test
  void sendsTheScheduledNumberOfRequests() {
    LoadResult result = HttpLoad.run(settings(200, Duration.ofSeconds(1), 4));
    assertThat(result.samples()).hasSize(200);
    assertThat(result.failures()).isZero();
    assertThat(result.samples()).extracting(s -> s.header("X-Model-Version")).containsOnly("7");
  }

  @Test
  void aSlowServerShowsInLatencyFromTheScheduledStart() {
    delayMillis = 50;
    // One connection at 100 req/s against a 50 ms server: requests queue behind each other, and
    // their latency grows with the queue instead of staying at 50 ms.
    LoadResult result = HttpLoad.run(settings(100, Duration.ofMillis(500), 1));
    assertThat(result.percentileMillis(50)).isGreaterThan(100);
    assertThat(result.percentileMillis(99)).isGreaterThan(result.percentileMillis(50));
  }

  @Test
  void closedLoopRunsUntilStopped() {
    var running = HttpLoad.start(settings(0, Duration.ofMinutes(1), 2));
    LoadResult result = running.stop();
    assertThat(result.failures()).isZero();
    assertThat(result.elapsedSeconds()).isLessThan(30);
  }

  @Test
  void aRefusedConnectionIsAFailure() {
    server.stop(0);
    LoadResult result = HttpLoad.run(settings(50, Duration.ofMillis(200), 1));
    assertThat(result.failures()).isEqualTo(result.samples().size()).isPositive();
  }

  @Test
  void closedLoopPausesBetweenAConnectionsRequests() {
    LoadResult result =
        HttpLoad.run(settings(0, Duration.ofMillis(500), 1).withPause(Duration.ofMillis(100)));
    assertThat(result.samples()).hasSizeBetween(2, 6);
    assertThat(result.failures()).isZero();
  }
}

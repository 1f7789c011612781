package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpProbeTest {

  private HttpServer server;
  private final AtomicInteger readyCalls = new AtomicInteger();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ok", exchange -> answer(exchange, 200));
    server.createContext("/down", exchange -> answer(exchange, 503));
    // Not ready for the first two polls, as a starting service.
    server.createContext(
        "/ready", exchange -> answer(exchange, readyCalls.incrementAndGet() > 2 ? 200 : 503));
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void onlyA200IsOk() {
    assertThat(HttpProbe.ok(uri("/ok"))).isTrue();
    assertThat(HttpProbe.ok(uri("/down"))).isFalse();
    assertThat(HttpProbe.ok(URI.create("http://127.0.0.1:" + LoopbackPorts.free() + "/")))
        .as("nothing listening")
        .isFalse();
  }

  @Test
  void awaitingReturnsOnceTheEndpointAnswers200() {
    long before = System.nanoTime();

    long ready = HttpProbe.awaitOk(uri("/ready"), Duration.ofSeconds(10), Duration.ofMillis(10));

    assertThat(ready).isGreaterThan(before);
    assertThat(readyCalls).hasValue(3);
  }

  @Test
  void awaitingGivesUpAtOnceWhenTheProcessExited() throws InterruptedException {
    Process exited = Launch.of(List.of("sh", "-c", "exit 3")).start();
    exited.waitFor();

    assertThatThrownBy(
            () -> HttpProbe.awaitOk(uri("/down"), exited, Duration.ofMinutes(5), Duration.ZERO))
        .isInstanceOf(NotReadyException.class)
        .hasMessageStartingWith("exited with code 3 before");
  }

  @Test
  void awaitingGivesUpAfterTheTimeout() {
    assertThatThrownBy(
            () -> HttpProbe.awaitOk(uri("/down"), Duration.ofMillis(50), Duration.ofMillis(10)))
        .isInstanceOf(NotReadyException.class)
        .hasMessageContaining("did not answer 200 within");
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status)
      throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }
}

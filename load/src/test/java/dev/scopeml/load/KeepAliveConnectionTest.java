package dev.scopeml.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a server that, like an nginx worker retiring after a reload, answers the first request of
 * every connection and closes the connection when the second one arrives: cleanly, or with a reset
 * (what a client sees when the close crosses its request).
 */
class KeepAliveConnectionTest {

  private ServerSocket server;
  private Thread acceptor;
  private volatile boolean reset;

  @BeforeEach
  void startServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!server.isClosed()) {
                    try {
                      Socket socket = server.accept();
                      boolean withReset = reset;
                      Thread.ofPlatform()
                          .daemon()
                          .start(() -> answerOnceThenClose(socket, withReset));
                    } catch (IOException e) {
                      return;
                    }
                  }
                });
  }

  @AfterEach
  void stopServer() throws IOException, InterruptedException {
    server.close();
    acceptor.join(5_000);
  }

  @Test
  void neverResendingFailsTheRequestAsAPlainClientWould() throws IOException {
    try (var connection = new KeepAliveConnection(port(), 5_000, Resend.NEVER)) {
      assertThat(connection.send(request()).status()).isEqualTo(200);

      assertThatThrownBy(() -> connection.send(request())).isInstanceOf(NoResponseException.class);
      assertThat(connection.resent()).isZero();
      assertThat(connection.send(request()).status())
          .as("the next request opens a new connection")
          .isEqualTo(200);
    }
  }

  @Test
  void aResetBeforeTheResponseIsTreatedLikeAClose() throws IOException {
    reset = true;
    try (var plain = new KeepAliveConnection(port(), 5_000, Resend.NEVER);
        var resending =
            new KeepAliveConnection(port(), 5_000, Resend.ONCE_AFTER_CLOSED_CONNECTION)) {
      plain.send(request());
      resending.send(request());

      assertThatThrownBy(() -> plain.send(request())).isInstanceOf(NoResponseException.class);
      assertThat(resending.send(request()).status()).isEqualTo(200);
      assertThat(resending.resent()).isEqualTo(1);
    }
  }

  @Test
  void resendingOnceSendsItAgainOnANewConnectionAndCountsIt() throws IOException {
    try (var connection =
        new KeepAliveConnection(port(), 5_000, Resend.ONCE_AFTER_CLOSED_CONNECTION)) {
      assertThat(connection.send(request()).status()).isEqualTo(200);

      assertThat(connection.send(request()).status()).isEqualTo(200);
      assertThat(connection.resent()).isEqualTo(1);
    }
  }

  @Test
  void theLoadCountsSuchRequestsAsFailedUnlessItResends() {
    var settings =
        HttpLoad.Settings.of(port(), List.of(request()))
            .withDuration(Duration.ofMillis(300))
            .withPause(Duration.ofMillis(5));

    LoadResult plain = HttpLoad.run(settings);
    LoadResult resending = HttpLoad.run(settings.withResend(Resend.ONCE_AFTER_CLOSED_CONNECTION));

    assertThat(plain.failures()).isPositive();
    assertThat(plain.resent()).isZero();
    assertThat(plain.failed()).allSatisfy(s -> assertThat(s.status()).isEqualTo(-1));
    assertThat(resending.failures()).isZero();
    assertThat(resending.resent()).isPositive();
    assertThat(resending.samples()).filteredOn(Sample::resent).hasSize((int) resending.resent());
  }

  private int port() {
    return server.getLocalPort();
  }

  private byte[] request() {
    return HttpRequests.get(port(), "/");
  }

  private static void answerOnceThenClose(Socket socket, boolean withReset) {
    try (socket) {
      InputStream in = socket.getInputStream();
      readRequest(in);
      socket
          .getOutputStream()
          .write(
              "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
      readRequest(in);
      if (withReset) {
        // Linger 0: the close sends a RST instead of a FIN.
        socket.setSoLinger(true, 0);
      }
    } catch (IOException e) {
      // The client went away first: nothing to answer.
    }
  }

  /** Reads up to the blank line that ends a GET request. */
  private static void readRequest(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed");
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}

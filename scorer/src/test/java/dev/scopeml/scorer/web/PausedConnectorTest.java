package dev.scopeml.scorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A request whose line Tomcat reads just as its connector pauses for shutdown is answered 503
 * (which nginx sends on to another scorer), not the 400 Tomcat makes of it. The pause is made to
 * land exactly there: the protocol reports itself paused to the request processor's second look,
 * the one it takes after reading the request line.
 */
class PausedConnectorTest {

  private Tomcat tomcat;
  private int port;

  @BeforeEach
  void startTomcat() throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(Files.createTempDirectory(Path.of("target"), "tomcat").toString());
    var connector = new Connector(PausingAfterRequestLine.class.getName());
    connector.setPort(0);
    tomcat.setConnector(connector);
    ((StandardHost) tomcat.getHost())
        .setErrorReportValveClass(JsonErrorReportValve.class.getName());
    var context = tomcat.addContext("", null);
    Tomcat.addServlet(
        context,
        "answer",
        new HttpServlet() {
          @Override
          protected void doPost(HttpServletRequest request, HttpServletResponse response)
              throws IOException {
            request.getInputStream().readAllBytes();
            response.getWriter().write("{}");
          }
        });
    context.addServletMappingDecoded("/*", "answer");
    tomcat.start();
    port = connector.getLocalPort();
  }

  @AfterEach
  void stopTomcat() throws Exception {
    PausingAfterRequestLine.armed = false;
    tomcat.stop();
    tomcat.destroy();
  }

  @Test
  void aRequestArrivingAsTheConnectorPausesIsAnswered503() throws IOException {
    assertThat(statusLine(send())).as("before the pause").isEqualTo("HTTP/1.1 200 ");

    PausingAfterRequestLine.armed = true;
    String answer = send();

    assertThat(statusLine(answer)).as("answer: %s", answer).isEqualTo("HTTP/1.1 503 ");
    assertThat(answer).contains("{\"error\":\"the scorer is shutting down");
  }

  private String send() throws IOException {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    try (var socket = new Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("POST /v1/models/churn/predict HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      + "Content-Type: application/json\r\nContent-Length: "
                      + body.length
                      + "\r\nConnection: close\r\n\r\n{}")
                  .getBytes(StandardCharsets.ISO_8859_1));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private static String statusLine(String answer) {
    return answer.substring(0, answer.indexOf("\r\n"));
  }

  /**
   * Tomcat's NIO protocol that, once armed, is paused to the request processor's second look of
   * each request (after it read the request line) and to everyone but the processor.
   */
  public static final class PausingAfterRequestLine extends Http11NioProtocol {

    static volatile boolean armed;
    private final ThreadLocal<Integer> looks = ThreadLocal.withInitial(() -> 0);

    @Override
    public boolean isPaused() {
      if (!armed) {
        return super.isPaused();
      }
      boolean processor =
          StackWalker.getInstance()
              .walk(
                  frames ->
                      frames
                          .skip(1)
                          .findFirst()
                          .map(f -> f.getClassName().endsWith("Http11Processor"))
                          .orElse(false));
      if (!processor) {
        return true;
      }
      int look = looks.get() + 1;
      looks.set(look);
      return look % 2 == 0;
    }
  }
}

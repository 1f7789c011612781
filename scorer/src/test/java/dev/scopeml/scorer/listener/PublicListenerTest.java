package dev.scopeml.scorer.listener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.modelstore.database.Database;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.scorer.warmup.WarmUp;
import dev.scopeml.testsupport.models.TelcoModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A scorer with an operator port: its public port refuses connections until the scorer is ready and
 * warm, then serves predictions and probes only, while the operator port serves everything from the
 * start; the warm-up's requests reach the request path but not the prediction metrics.
 */
class PublicListenerTest extends ScorerTest {

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void thePublicPortOpensOnlyWhenWarmAndServesPredictionsAndProbesOnly() throws Exception {
    // The scorer's login cannot log in yet, so it starts and stays unready until it can.
    String login = "listener_" + UUID.randomUUID().toString().replace("-", "");
    String password = UUID.randomUUID().toString();
    Database.ensureReaderLogin(dataSource(), login, password);
    execute("ALTER ROLE " + login + " NOLOGIN");
    int publicPort = LoopbackPorts.free();
    RunningScorer operator =
        startScorer(
            Map.of(
                "scopeml.db.user", login,
                "scopeml.db.password", password,
                "server.port", publicPort,
                "scopeml.scorer.operator-port", 0,
                "scopeml.scorer.warm-up.max-time", "60s"));

    assertThat(operator.get("/livez").statusCode()).as("operator port, at once").isEqualTo(200);
    assertThat(operator.get("/readyz").statusCode()).isEqualTo(503);
    assertThatThrownBy(() -> connect(publicPort))
        .as("the public port while the scorer has no models")
        .isInstanceOf(ConnectException.class);

    TelcoModel model = TelcoModel.train("One year", 10, 4, 21);
    if (store().family(TelcoModel.MODEL).isEmpty()) {
      store().registerFamily(model.family());
    }
    storeAndPromote(model.toVersion());
    execute("ALTER ROLE " + login + " LOGIN");
    operator.awaitReady(Duration.ofSeconds(90));

    WarmUp warmUp = operator.bean(WarmUp.class);
    assertThat(warmUp.replayed().requests()).as("warm-up requests").isGreaterThanOrEqualTo(300);
    assertThat(warmUp.replayed().quiet()).as("the JIT went quiet within 60 s").isTrue();
    assertThat(warmUp.replayed().errors()).as("warm-up requests not answered 200").isZero();
    assertThat(operator.get("/actuator/prometheus").body())
        .as("warm-up requests are not counted as predictions")
        .doesNotContain("scopeml_predictions_seconds_count");

    URI front = URI.create("http://127.0.0.1:" + publicPort);
    assertThat(post(front, TelcoModel.PREDICT, model.body(2)).statusCode()).isEqualTo(200);
    assertThat(get(front, "/readyz").statusCode()).isEqualTo(200);
    assertThat(get(front, "/v2/health/ready").statusCode()).isEqualTo(200);
    for (String operatorOnly :
        new String[] {"/actuator/prometheus", "/actuator/health", "/v2/models/churn", "/v2"}) {
      HttpResponse<String> refused = get(front, operatorOnly);
      assertThat(refused.statusCode()).as("public %s", operatorOnly).isEqualTo(404);
      assertThat(refused.body()).contains("operator port");
      assertThat(operator.get(operatorOnly).statusCode())
          .as("operator %s", operatorOnly)
          .isEqualTo(200);
    }
    assertThat(operator.get("/actuator/prometheus").body())
        .contains("scopeml_predictions_seconds_count{api=\"predict\",model=\"churn\"} 1\n");

    // Paths that only reach predict once Tomcat normalizes them are refused on the public port.
    for (String bent :
        new String[] {
          "/v1/models/churn/predict;x=1",
          "//v1/models/churn/predict",
          "/x/../v1/models/churn/predict"
        }) {
      assertThat(rawStatus(publicPort, "POST " + bent, model.body(1)))
          .as("public %s", bent)
          .isEqualTo(404);
    }
    assertThat(rawStatus(publicPort, "POST /v1/models/%63hurn/predict", model.body(1)))
        .as("percent-encoded letters are the same path")
        .isEqualTo(200);
  }

  @Test
  void withoutAnOperatorPortOneListenerServesEverything() {
    TelcoModel model = TelcoModel.train("Two year", 10, 4, 22);
    if (store().family(TelcoModel.MODEL).isEmpty()) {
      store().registerFamily(model.family());
    }
    storeAndPromote(model.toVersion());
    RunningScorer scorer = startReadyScorer(Map.of());
    assertThat(scorer.bean(PublicListener.class).isSeparate()).isFalse();
    assertThat(scorer.post(TelcoModel.PREDICT, model.body(1)).statusCode()).isEqualTo(200);
    assertThat(scorer.get("/actuator/prometheus").statusCode()).isEqualTo(200);
  }

  private void execute(String sql) throws SQLException {
    try (var connection = dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static void connect(int port) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    }
  }

  private HttpResponse<String> get(URI base, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(URI base, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The status of a request line sent as is: HTTP clients would normalize these paths. */
  private static int rawStatus(int port, String requestLine, String body) throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        requestLine
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + content.length
            + "\r\nConnection: close\r\n\r\n";
    try (var socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
      return Integer.parseInt(status.substring(9, 12));
    }
  }
}

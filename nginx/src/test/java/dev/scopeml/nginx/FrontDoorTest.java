package dev.scopeml.nginx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.load.LoadResult;
import dev.scopeml.load.TlsTrust;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.testsupport.load.TierLoad;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.PostgresTest;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.tls.SelfSignedCertificate;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tier's front door with TLS, as rendered from the template: HTTPS with modern protocols and
 * ciphers only, plain HTTP redirected, nothing but predictions passed to the scorers, and a rolling
 * swap under a TLS load that never resends losing nothing.
 */
class FrontDoorTest extends PostgresTest {

  private TierController controller;
  private SSLContext trust;
  private int port;
  private int version;
  private String body;
  private HttpClient https;

  @BeforeAll
  void bringUpATlsTier() throws IOException {
    Path binary =
        NginxProcess.findBinary().orElseThrow(() -> new IllegalStateException("no nginx"));
    TelcoModel model = TelcoModel.train("One year", 20, 4, 43);
    version = model.storeAndPromote(new JdbcModelStore(dataSource()));
    body = model.body(1);
    Path tier = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tls-tier");
    SelfSignedCertificate certificate = SelfSignedCertificate.generate(tier.resolve("tls"));
    trust = TlsTrust.of(certificate.certificate());
    https = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_1_1).build();
    port = LoopbackPorts.free();
    controller =
        new TierController(
            new LocalTierDriver(
                new NginxProcess(binary, tier.resolve("nginx"), 1, "8m"),
                tier.resolve("logs"),
                step -> {}),
            TierState.file(tier.resolve("tier.json")),
            TierTimeouts.readyWithin(Duration.ofSeconds(90)),
            step -> System.out.println("tier: " + step));
    controller.up(
        FrontDoor.https(port, certificate.certificate(), certificate.key()), release("A"), 2);
  }

  @AfterAll
  void tearDown() {
    if (controller != null) {
      controller.down();
    }
  }

  @Test
  void aRollingSwapOverTlsLosesNothing() {
    try (var load =
        TierLoad.start(port, TelcoModel.PREDICT, body, 4, Duration.ofMillis(5), trust)) {
      Thread.sleep(1000);
      RolloutResult result = controller.rollout(release("B"));
      Thread.sleep(1000);
      LoadResult outcomes = load.stop();
      assertThat(result.succeeded()).as("rollout: %s", result.failure()).isTrue();
      assertThat(outcomes.samples()).as("requests sent").hasSizeGreaterThan(50);
      assertThat(outcomes.failed()).as("failed requests over TLS").isEmpty();
      System.out.printf(
          "rolling swap over TLS: %d requests, %d failed%n",
          outcomes.samples().size(), outcomes.failures());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void onlyModernProtocolsAndForwardSecretCiphersAreSpoken() throws Exception {
    try (var socket = handshake(List.of("TLSv1.3", "TLSv1.2"), null)) {
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
    }
    try (var socket =
        handshake(List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))) {
      assertThat(socket.getSession().getCipherSuite())
          .isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }
    assertThatThrownBy(
            () -> handshake(List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")))
        .as("a CBC cipher")
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void plainHttpIsRedirectedToHttpsAndServedNothing() throws IOException {
    String reply = plainRequest("POST " + TelcoModel.PREDICT);
    assertThat(reply).startsWith("HTTP/1.1 308").contains("Location: https://");
    assertThat(reply).doesNotContain("predictions");
  }

  @Test
  void onlyThePathsThatPredictPassTheFrontDoor() throws Exception {
    String infer =
        """
        {"parameters": {"scope": "contract=One year"},
         "inputs": [{"name": "tenure", "datatype": "FP64", "shape": [1], "data": [12]}]}""";
    var answered = new LinkedHashMap<String, Integer>();
    answered.put("POST " + TelcoModel.PREDICT, send("POST", TelcoModel.PREDICT, body).statusCode());
    answered.put(
        "POST /v2/models/churn/infer", send("POST", "/v2/models/churn/infer", infer).statusCode());
    answered.put(
        "POST versioned infer",
        send("POST", "/v2/models/churn/versions/" + version + "/infer", infer).statusCode());
    assertThat(answered.values()).as("predictions: %s", answered).containsOnly(200);

    var refused = new LinkedHashMap<String, HttpResponse<String>>();
    for (String path :
        List.of(
            "/actuator/prometheus",
            "/actuator/health",
            "/v2/models/churn",
            "/v2",
            "/readyz",
            "/v1/models/churn/predict;x=1",
            "/v1/models/churn/predict/",
            "//v1//models/churn/predict",
            "/V1/models/churn/predict")) {
      refused.put("GET " + path, send("GET", path, null));
      refused.put("POST " + path, send("POST", path, body));
    }
    refused.forEach(
        (request, response) -> {
          assertThat(response.statusCode()).as(request).isEqualTo(404);
          assertThat(response.body()).as(request).startsWith("{\"error\":");
        });
  }

  private HttpResponse<String> send(String method, String path, String json) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private SSLSocket handshake(List<String> protocols, List<String> ciphers) throws IOException {
    var socket = (SSLSocket) trust.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setEnabledProtocols(protocols.toArray(String[]::new));
    if (ciphers != null) {
      socket.setEnabledCipherSuites(ciphers.toArray(String[]::new));
    }
    try {
      socket.startHandshake();
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  private String plainRequest(String requestLine) throws IOException {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    try (var socket = new Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              (requestLine
                      + " HTTP/1.1\r\nHost: 127.0.0.1:"
                      + port
                      + "\r\nContent-Type: application/json\r\nContent-Length: "
                      + content.length
                      + "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().write(content);
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private ScorerRelease release(String label) {
    return new ScorerRelease(
        label,
        ServiceJars.scorer().toAbsolutePath().toString(),
        Map.of(
            "SCOPEML_DB_URL", settings().url(),
            "SCOPEML_DB_USER", settings().user(),
            "SCOPEML_DB_PASSWORD", settings().password()),
        List.of());
  }
}

package dev.scopeml.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.reliability.SharedStack;
import dev.scopeml.testsupport.models.TelcoModel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ways RELIABILITY.md documents to protect predictions with nginx, run as documented: the
 * tier's own nginx configuration with the documented blocks in place of its predict locations, in
 * front of a real scorer. Every spelling of a path that predicts (or reaches another scorer path)
 * is sent without a credential: none may be answered by the scorer (every scorer answer carries
 * {@code X-Scorer-Version}), each gets a JSON refusal from nginx. With the credential, predictions
 * and versioned inference are answered.
 */
class PredictProtectionTest extends ReliabilityTest {

  private static final String APP1_KEY = "change-me-app1-3f9c1e7b2d";
  private static final String INFER =
      """
      {"parameters": {"scope": "contract=One year"},
       "inputs": [{"name": "tenure", "datatype": "FP64", "shape": [1], "data": [12]}]}""";

  private SharedStack stack;
  private DocumentedSnippets snippets;
  private Path nginx;
  private int version;
  private final Map<String, Integer> answers = new LinkedHashMap<>();
  private final List<String> wrong = new ArrayList<>();

  @BeforeAll
  void documentAndScorer() {
    stack = sharedStack();
    snippets = DocumentedSnippets.read();
    nginx = NginxProcess.findBinary().orElseThrow(() -> new IllegalStateException("no nginx"));
    version =
        new JdbcModelStore(stack.dataSource())
            .activeVersion(TelcoModel.MODEL, TelcoModel.ONE_YEAR)
            .orElseThrow()
            .version();
  }

  @Test
  void apiKeysCheckedByNginx() {
    try (var proxy =
        start("api-key", snippets.get("api-key-http"), snippets.get("api-key-server"))) {
      probeBypasses("api key", proxy.port(), Map.of());
      probeBypasses("api key, wrong", proxy.port(), Map.of("Authorization", "Bearer wrong"));
      answered("api key, right", proxy.port(), Map.of("Authorization", "Bearer " + APP1_KEY));
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void anAuthorizationServiceAskedByAuthRequest() throws IOException {
    var seen = new ArrayList<String>();
    HttpServer authorizer =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    authorizer.createContext(
        "/authorize",
        exchange -> {
          synchronized (seen) {
            seen.add(exchange.getRequestHeaders().getFirst("X-Original-URI"));
          }
          String credential = exchange.getRequestHeaders().getFirst("Authorization");
          exchange.sendResponseHeaders("Bearer app-token-ok".equals(credential) ? 204 : 401, -1);
          exchange.close();
        });
    authorizer.start();
    try (var proxy =
        start(
            "auth-request",
            snippets
                .get("auth-request-http")
                .replace("127.0.0.1:9180", "127.0.0.1:" + authorizer.getAddress().getPort()),
            snippets.get("auth-request-server"))) {
      probeBypasses("auth_request", proxy.port(), Map.of());
      probeBypasses(
          "auth_request, refused", proxy.port(), Map.of("Authorization", "Bearer forged"));
      answered(
          "auth_request, allowed", proxy.port(), Map.of("Authorization", "Bearer app-token-ok"));
    } finally {
      authorizer.stop(0);
    }
    assertThat(seen)
        .as("the authorization service is asked about paths that predict, never about others")
        .isNotEmpty()
        .noneMatch(uri -> uri.contains("actuator") || uri.matches("/v2(/models/[^/]+)?"));
    assertThat(wrong).isEmpty();
  }

  @Test
  void allowAndDenyByNetwork() {
    String documented = snippets.get("network-server");
    // The test's client is 127.0.0.1: allowed as documented, denied once only another address is.
    String onlyOthers = documented.replace("allow 127.0.0.1;", "allow 127.0.0.2;");
    assertThat(onlyOthers).isNotEqualTo(documented);
    try (var proxy = start("network-denied", "", onlyOthers)) {
      probeBypasses("network, denied", proxy.port(), Map.of());
    }
    try (var proxy = start("network-allowed", "", documented)) {
      answered("network, allowed", proxy.port(), Map.of());
    }
    assertThat(wrong).isEmpty();
  }

  @AfterAll
  void report() {
    CaseReport.record(
        "access",
        "every spelling of a prediction path, and metrics and metadata, through nginx with each"
            + " protection RELIABILITY.md documents (API keys, auth_request, allow/deny), without"
            + " the credential: never answered by a scorer",
        answers.size(),
        wrong.size(),
        "real nginx, the tier's template with the documented blocks, in front of a real scorer: "
            + answers,
        getClass().getSimpleName());
  }

  /** Every bypass without a valid credential: nginx answers it, with JSON, and never a scorer. */
  private void probeBypasses(String protection, int port, Map<String, String> headers) {
    for (PredictBypasses.Bypass bypass : PredictBypasses.of(TelcoModel.MODEL, version)) {
      String what = protection + ": " + bypass.name();
      Http.Reply reply = send(port, bypass.method(), bypass.path(), body(bypass.path()), headers);
      answers.put(what, reply.status());
      if (reply.header("X-Scorer-Version") != null || reply.status() < 400) {
        wrong.add(what + " → answered by a scorer: " + reply.status() + " " + reply.body());
      } else if (!bypass.method().equals("HEAD") && !reply.json().path("error").isString()) {
        wrong.add(what + " → not a JSON error: " + reply.body());
      }
    }
  }

  /** With the credential, predictions and versioned inference are answered by the scorer. */
  private void answered(String protection, int port, Map<String, String> headers) {
    for (String path :
        List.of(
            TelcoModel.PREDICT,
            "/v2/models/" + TelcoModel.MODEL + "/versions/" + version + "/infer",
            "/v1/models/" + TelcoModel.MODEL + "/%70redict")) {
      String what = protection + ": " + path;
      Http.Reply reply = send(port, "POST", path, body(path), headers);
      answers.put(what, reply.status());
      if (reply.status() != 200 || reply.header("X-Scorer-Version") == null) {
        wrong.add(what + " → " + reply.status() + " " + reply.body());
      }
    }
  }

  private SnippetNginx start(String name, String http, String locations) {
    return SnippetNginx.configure(
            nginx,
            workDirectory().resolve(name),
            freePort(),
            stack.scorer().port(),
            http,
            locations)
        .start();
  }

  private String body(String path) {
    return path.contains("infer") ? INFER : stack.predictBody();
  }

  private static Http.Reply send(
      int port, String method, String path, String body, Map<String, String> headers) {
    var all = new HashMap<>(headers);
    all.put("Content-Type", "application/json");
    URI uri = URI.create("http://127.0.0.1:" + port + path);
    byte[] content = method.equals("POST") ? body.getBytes(StandardCharsets.UTF_8) : null;
    return Http.send(method, uri, content, all);
  }
}

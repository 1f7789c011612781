package dev.scopeml.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ways RELIABILITY.md documents to protect predictions with nginx, run as documented: real
 * nginx configured with the blocks read from the document, in front of a real scorer. Without the
 * right credential a prediction is refused; with it, it is answered.
 */
class PredictProtectionTest extends ReliabilityTest {

  private static final String APP1_KEY = "change-me-app1-3f9c1e7b2d";

  private SharedStack stack;
  private DocumentedSnippets snippets;
  private Path nginx;
  private final Map<String, Integer> expected = new LinkedHashMap<>();
  private final List<String> wrong = new ArrayList<>();

  @BeforeAll
  void documentAndScorer() {
    stack = sharedStack();
    snippets = DocumentedSnippets.read();
    nginx = NginxProcess.findBinary().orElseThrow(() -> new IllegalStateException("no nginx"));
  }

  @Test
  void apiKeysCheckedByNginx() {
    int port = freePort();
    try (var proxy =
        SnippetNginx.configure(
                nginx,
                workDirectory().resolve("api-key"),
                port,
                stack.scorer().port(),
                snippets.get("api-key-http"),
                snippets.get("api-key-server"))
            .start()) {
      check("api key: none", predict(port, Map.of()), 401, true);
      check("api key: wrong", predict(port, Map.of("Authorization", "Bearer wrong")), 401, true);
      check(
          "api key: right",
          predict(port, Map.of("Authorization", "Bearer " + APP1_KEY)),
          200,
          false);
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
          seen.add(exchange.getRequestHeaders().getFirst("X-Original-URI"));
          String credential = exchange.getRequestHeaders().getFirst("Authorization");
          exchange.sendResponseHeaders("Bearer app-token-ok".equals(credential) ? 204 : 401, -1);
          exchange.close();
        });
    authorizer.start();
    int port = freePort();
    try (var proxy =
        SnippetNginx.configure(
                nginx,
                workDirectory().resolve("auth-request"),
                port,
                stack.scorer().port(),
                snippets
                    .get("auth-request-http")
                    .replace("127.0.0.1:9180", "127.0.0.1:" + authorizer.getAddress().getPort()),
                snippets.get("auth-request-server"))
            .start()) {
      check("auth_request: none", predict(port, Map.of()), 401, true);
      check(
          "auth_request: refused",
          predict(port, Map.of("Authorization", "Bearer forged")),
          401,
          true);
      check(
          "auth_request: allowed",
          predict(port, Map.of("Authorization", "Bearer app-token-ok")),
          200,
          false);
    } finally {
      authorizer.stop(0);
    }
    assertThat(seen)
        .as("the authorization service saw each prediction's URI")
        .hasSize(3)
        .containsOnly(TelcoModel.PREDICT);
    assertThat(wrong).isEmpty();
  }

  @Test
  void allowAndDenyByNetwork() {
    String documented = snippets.get("network-server");
    // The test's client is 127.0.0.1: allowed as documented, denied once only another address is.
    String onlyOthers = documented.replace("allow 127.0.0.1;", "allow 127.0.0.2;");
    assertThat(onlyOthers).isNotEqualTo(documented);
    for (var variant :
        Map.of("network: allowed", documented, "network: denied", onlyOthers).entrySet()) {
      int port = freePort();
      try (var proxy =
          SnippetNginx.configure(
                  nginx,
                  workDirectory().resolve(variant.getKey().replaceAll("\\W", "-")),
                  port,
                  stack.scorer().port(),
                  "",
                  variant.getValue())
              .start()) {
        check(
            variant.getKey(),
            predict(port, Map.of()),
            variant.getKey().endsWith("allowed") ? 200 : 403,
            false);
      }
    }
    assertThat(wrong).isEmpty();
  }

  @org.junit.jupiter.api.AfterAll
  void report() {
    CaseReport.record(
        "access",
        "predictions protected by nginx as RELIABILITY.md documents (API keys, auth_request,"
            + " allow/deny)",
        expected.size(),
        wrong.size(),
        "real nginx with the documented blocks in front of a real scorer: " + expected,
        getClass().getSimpleName());
  }

  private void check(String what, Http.Reply reply, int status, boolean json) {
    expected.put(what, status);
    if (reply.status() != status) {
      wrong.add(what + " → " + reply.status() + " " + reply.body());
    } else if (json && !reply.json().path("error").isString()) {
      wrong.add(what + " → not a JSON error: " + reply.body());
    } else if (status == 200 && !reply.json().path("predictions").isArray()) {
      wrong.add(what + " → no predictions: " + reply.body());
    }
  }

  private Http.Reply predict(int port, Map<String, String> headers) {
    var all = new HashMap<>(headers);
    all.put("Content-Type", "application/json");
    URI uri = URI.create("http://127.0.0.1:" + port + TelcoModel.PREDICT);
    return Http.send("POST", uri, stack.predictBody().getBytes(StandardCharsets.UTF_8), all);
  }
}

package dev.scopeml.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.RegistryFingerprint;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.reliability.SharedStack;
import dev.scopeml.testsupport.models.StoredVersions;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.services.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every admin endpoint of a running trainer, enumerated from its own request mappings, refuses a
 * request without a bearer token (401) and with a wrong one (403), whatever the scheme, and cannot
 * be reached around the token check by spelling the path or the method differently; a request built
 * to change something (a run to queue, a version to promote, a rollback, an upload) changes
 * nothing. Every mapping outside {@code /v1} must be one known to be open. Predictions and health
 * stay open.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminEndpointAccessTest extends ReliabilityTest {

  /** A model of this test's own, with an active v2 and an older v1 to roll back to. */
  private static final String MODEL = "guarded";

  private static final ScopeKey SCOPE = TelcoModel.ONE_YEAR;

  private SharedStack stack;
  private ServiceProcess trainer;
  private List<TrainerEndpoints.Endpoint> admin;

  @BeforeAll
  void aModelWorthAttacking() {
    stack = sharedStack();
    trainer = stack.trainer();
    ModelStore store = new JdbcModelStore(stack.dataSource());
    ModelFamily churn = store.family(TelcoModel.MODEL).orElseThrow();
    if (store.family(MODEL).isEmpty()) {
      store.registerFamily(ModelFamily.of(MODEL, churn.scopeColumns(), churn.schema()));
      for (int i = 0; i < 2; i++) {
        NewModelVersion copy = StoredVersions.asNew(store, TelcoModel.MODEL, SCOPE, 1);
        int version =
            store
                .saveVersion(
                    new NewModelVersion(
                        MODEL,
                        SCOPE,
                        copy.algorithm(),
                        copy.hyperparameters(),
                        copy.metrics(),
                        copy.schema(),
                        copy.reference(),
                        copy.provenance(),
                        copy.artifact()))
                .version();
        store.promote(MODEL, SCOPE, version, "reliability-test", "setup");
      }
    }
    List<TrainerEndpoints.Endpoint> all = TrainerEndpoints.of(trainer);
    System.out.println("trainer request mappings: " + all);
    admin = all.stream().filter(TrainerEndpoints.Endpoint::isAdmin).toList();
  }

  @Test
  @Order(1)
  void everyMappingIsAnAdminEndpointOrKnownToBeOpen() {
    List<TrainerEndpoints.Endpoint> all = TrainerEndpoints.of(trainer);
    assertThat(all.stream().filter(e -> !e.isAdmin()).map(TrainerEndpoints.Endpoint::pattern))
        .as("mappings outside /v1 that are not known to be open")
        .allMatch(TrainerEndpoints.OPEN::contains);
    assertThat(admin)
        .as("the admin endpoints the trainer documents are among those enumerated")
        .extracting(e -> e.method() + " " + e.pattern())
        .contains(
            "POST /v1/runs",
            "POST /v1/runs/{run}/cancel",
            "POST /v1/uploads",
            "POST /v1/models/{model}/promote",
            "POST /v1/models/{model}/rollback");
  }

  @Test
  @Order(2)
  void withoutATokenEveryAdminEndpointAnswers401() {
    var missing = new LinkedHashMap<String, Map<String, String>>();
    missing.put("no Authorization header", Map.of());
    missing.put("Bearer and nothing after it", Map.of("Authorization", "Bearer"));
    missing.put("Basic with the right token", Map.of("Authorization", basic()));
    missing.put(
        "another scheme with the right token", Map.of("Authorization", "Token " + ADMIN_TOKEN));
    missing.put("the token without a scheme", Map.of("Authorization", ADMIN_TOKEN));
    missing.put("the token in another header", Map.of("X-Api-Key", ADMIN_TOKEN));
    var wrong = new ArrayList<String>();
    int sent = 0;
    for (TrainerEndpoints.Endpoint endpoint : admin) {
      for (var header : missing.entrySet()) {
        sent++;
        Http.Reply reply = call(endpoint.method(), endpoint.path(MODEL), header.getValue());
        if (reply.status() != 401 || reply.header("WWW-Authenticate") == null) {
          wrong.add(endpoint + " with " + header.getKey() + " → " + reply.status());
        }
      }
      sent++;
      Http.Reply query =
          call(endpoint.method(), endpoint.path(MODEL) + "?access_token=" + ADMIN_TOKEN, Map.of());
      if (query.status() != 401) {
        wrong.add(endpoint + " with the token in the query → " + query.status());
      }
    }
    assertThat(wrong).as("admin requests without a bearer token not answered 401").isEmpty();
    CaseReport.record(
        "access",
        "every trainer admin endpoint without a bearer token → 401",
        sent,
        wrong.size(),
        admin.size()
            + " endpoints enumerated from the running trainer's mappings; no header, 'Bearer' alone,"
            + " Basic,"
            + " another scheme, no scheme, another header, the token in the query",
        getClass().getSimpleName());
  }

  @Test
  @Order(3)
  void withAWrongTokenEveryAdminEndpointAnswers403() {
    List<String> tokens =
        List.of(
            ADMIN_TOKEN + "x",
            ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1),
            ADMIN_TOKEN.toUpperCase(java.util.Locale.ROOT),
            "x" + ADMIN_TOKEN,
            "null",
            ADMIN_TOKEN.substring(0, ADMIN_TOKEN.length() - 1) + "0");
    var wrong = new ArrayList<String>();
    int sent = 0;
    for (TrainerEndpoints.Endpoint endpoint : admin) {
      for (String token : tokens) {
        sent++;
        Http.Reply reply =
            call(
                endpoint.method(),
                endpoint.path(MODEL),
                Map.of("Authorization", "Bearer " + token));
        if (reply.status() != 403) {
          wrong.add(endpoint + " with '" + token + "' → " + reply.status());
        }
      }
      // The right token reaches the endpoint: the refusals above are the token check's.
      Http.Reply right =
          call(
              endpoint.method(),
              endpoint.path(MODEL),
              Map.of("Authorization", "Bearer " + ADMIN_TOKEN));
      assertThat(right.status())
          .as("%s with the right token: %s", endpoint, right.body())
          .isNotIn(401, 403)
          .isLessThan(500);
    }
    assertThat(wrong).as("admin requests with a wrong token not answered 403").isEmpty();
    CaseReport.record(
        "access",
        "every trainer admin endpoint with a wrong bearer token → 403",
        sent,
        wrong.size(),
        "longer, shorter, upper-cased, prefixed, 'null' and last-character-changed tokens;"
            + " the"
            + " right token reaches each endpoint (not 401/403)",
        getClass().getSimpleName());
  }

  @Test
  @Order(4)
  void noSpellingOfThePathOrMethodGetsAroundTheToken() {
    Map<String, String> rowsBefore = RegistryFingerprint.of(stack.dataSource());
    List<String> filesBefore = files(stack.dataDirectory());
    var statuses = new TreeMap<Integer, Integer>();
    var through = new ArrayList<String>();
    int sent = 0;
    for (TrainerEndpoints.Endpoint endpoint : admin) {
      String path = endpoint.path(MODEL);
      byte[] body = harmfulBody(endpoint);
      for (String variant : variants(path)) {
        for (String method : methods(endpoint.method())) {
          sent++;
          Http.Reply reply;
          try {
            reply = Http.send(method, trainer.uri(variant), body, contentType(endpoint));
          } catch (IllegalArgumentException e) {
            // The JDK client refuses to send this spelling at all.
            sent--;
            continue;
          }
          statuses.merge(reply.status(), 1, Integer::sum);
          if (reply.status() < 400) {
            through.add(method + " " + variant + " → " + reply.status() + " " + reply.body());
          }
        }
      }
    }
    assertThat(through).as("requests that got around the token check").isEmpty();
    assertThat(RegistryFingerprint.of(stack.dataSource()))
        .as("every row of every ScopeML table")
        .isEqualTo(rowsBefore);
    assertThat(files(stack.dataDirectory())).as("data directory files").isEqualTo(filesBefore);
    CaseReport.record(
        "access",
        "admin endpoints spelled differently (//, /./, /x/.., ;params, %-encoding, case, trailing"
            + " slash) or with other methods, without a token",
        sent,
        through.size(),
        "answers "
            + statuses
            + "; bodies that would queue a run, promote, roll back or upload: rows and files"
            + " unchanged",
        getClass().getSimpleName());
  }

  @Test
  @Order(5)
  void predictionsAndHealthStayOpen() {
    var open = new LinkedHashMap<String, Http.Reply>();
    open.put("trainer /actuator/health", Http.get(trainer.uri("/actuator/health")));
    open.put("scorer /readyz", Http.get(stack.scorer().uri("/readyz")));
    open.put("scorer /livez", Http.get(stack.scorer().uri("/livez")));
    open.put("scorer /v2/health/ready", Http.get(stack.scorer().uri("/v2/health/ready")));
    open.put(
        "scorer predict",
        Http.postJson(stack.scorer().uri(TelcoModel.PREDICT), stack.predictBody()));
    open.put(
        "scorer predict with a bogus Authorization header",
        Http.send(
            "POST",
            stack.scorer().uri(TelcoModel.PREDICT),
            stack.predictBody().getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Type", "application/json", "Authorization", "Bearer nonsense")));
    var closed = new ArrayList<String>();
    open.forEach(
        (what, reply) -> {
          if (reply.status() != 200) {
            closed.add(what + " → " + reply.status());
          }
        });
    assertThat(closed).isEmpty();
    CaseReport.record(
        "access",
        "predictions and health stay open without a token",
        open.size(),
        closed.size(),
        String.join("; ", open.keySet()),
        getClass().getSimpleName());
  }

  /** A body that would change something if it ever reached its endpoint. */
  private byte[] harmfulBody(TrainerEndpoints.Endpoint endpoint) {
    if (!endpoint.method().equals("POST")) {
      return null;
    }
    Object body =
        switch (endpoint.pattern()) {
          case "/v1/runs" ->
              Map.of(
                  "model", "bypass",
                  "source", Map.of("csv", "telco_churn.csv"),
                  "label", "churn",
                  "scopeBy", List.of("contract"),
                  "params", Map.of("trees", 5));
          case "/v1/models/{model}/promote" -> Map.of("scope", SCOPE.toString(), "version", 1);
          case "/v1/models/{model}/rollback" -> Map.of("scope", SCOPE.toString());
          case "/v1/uploads" -> "a,churn\n1,Yes\n2,No\n";
          default -> Map.of();
        };
    return (body instanceof String text ? text : Http.JSON.writeValueAsString(body))
        .getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> contentType(TrainerEndpoints.Endpoint endpoint) {
    return Map.of(
        "Content-Type", endpoint.pattern().equals("/v1/uploads") ? "text/csv" : "application/json");
  }

  private static List<String> variants(String path) {
    String rest = path.substring("/v1".length());
    return List.of(
        path,
        "/" + path,
        "/v1/" + rest,
        "/." + path,
        "/v1/." + rest,
        "/x/.." + path,
        "/v1/x/.." + rest,
        "/v1;x=1" + rest,
        path + ";x=1",
        "/%76%31" + rest,
        "/v1" + rest.replace("/", "%2F"),
        "/V1" + rest,
        path + "/",
        path + "%20",
        path + "?_method=POST");
  }

  private static List<String> methods(String declared) {
    return Stream.concat(Stream.of(declared), Stream.of("GET", "POST", "PUT", "PATCH", "DELETE"))
        .distinct()
        .toList();
  }

  private Http.Reply call(String method, String path, Map<String, String> headers) {
    var all = new HashMap<>(headers);
    byte[] body = null;
    if (method.equals("POST")) {
      all.put("Content-Type", "application/json");
      body = "{}".getBytes(StandardCharsets.UTF_8);
    }
    return Http.send(method, trainer.uri(path), body, all);
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("admin:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> files(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.map(p -> root.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

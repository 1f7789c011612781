package dev.scopeml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The CLI against a stand-in trainer on 127.0.0.1 that records requests and answers like the run
 * API: the run request it builds, the token it sends, the progress it polls and the table it
 * prints.
 */
class ScopemlCliTest {

  private static final String RUN = "3f8e5b1c-9f2d-4a57-8d0e-1b2c3d4e5f60";

  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final AtomicInteger polls = new AtomicInteger();
  private HttpServer server;

  @BeforeEach
  void startStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void trainPostsTheRunWatchesItAndPrintsTheScopeTable() {
    var out = new StringWriter();
    var err = new StringWriter();
    int exit =
        execute(
            out,
            err,
            "train",
            "--trainer-url=" + url(),
            "--token=secret",
            "--model=churn",
            "--csv=telco_churn.csv",
            "--label=churn",
            "--scope-by=contract",
            "--algorithm=xgboost",
            "--param=trees=100",
            "--param=eta=0.3",
            "--global",
            "--promote=if-better",
            "--poll=PT0.01S");

    assertThat(exit).as(err.toString()).isZero();
    Recorded submit = requests.getFirst();
    assertThat(submit.method() + " " + submit.path()).isEqualTo("POST /v1/runs");
    assertThat(submit.authorization()).isEqualTo("Bearer secret");
    JsonNode body = TrainerClient.JSON.readTree(submit.body());
    assertThat(body.get("model").asString()).isEqualTo("churn");
    assertThat(body.get("source").get("csv").asString()).isEqualTo("telco_churn.csv");
    assertThat(body.get("scopeBy").get(0).asString()).isEqualTo("contract");
    assertThat(body.get("params").get("trees").isIntegralNumber()).isTrue();
    assertThat(body.get("params").get("eta").asDouble()).isEqualTo(0.3);
    assertThat(body.get("global").asBoolean()).isTrue();
    assertThat(body.get("promote").get("policy").asString()).isEqualTo("if-better");

    assertThat(polls.get()).as("polled until the run ended").isGreaterThanOrEqualTo(2);
    assertThat(err.toString()).contains("[###############...............] 1/2 running");
    String table = out.toString();
    assertThat(table.lines().findFirst().orElseThrow())
        .containsSubsequence(
            "scope",
            "status",
            "rows",
            "version",
            "auc",
            "accuracy",
            "logLoss",
            "promoted",
            "seconds");
    assertThat(table).contains("contract=One year  succeeded  1473        1  0.8612");
    assertThat(table).contains("contract=Two year: 40 rows, below minRows 50");
    assertThat(table).contains("run " + RUN + " succeeded: 2 scopes, 1 succeeded, 1 skipped");
  }

  @Test
  void refusalsAreShownWithTheTrainersMessage() {
    var out = new StringWriter();
    var err = new StringWriter();
    int exit =
        execute(
            out,
            err,
            "promote",
            "--trainer-url=" + url(),
            "--model=churn",
            "--scope=contract=One year",
            "--version=9");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no version 9 (HTTP 404)");
    assertThat(requests.getFirst().body()).contains("\"version\":9");
  }

  @Test
  void everySubcommandIsRegistered() {
    assertThat(ScopemlCli.commandLine().getSubcommands())
        .containsKeys("train", "runs", "cancel", "models", "promote", "rollback");
  }

  private int execute(StringWriter out, StringWriter err, String... args) {
    var commandLine = ScopemlCli.commandLine();
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    requests.add(
        new Recorded(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestHeaders().getFirst("Authorization"),
            body));
    int status = 200;
    Object answer;
    if (path.equals("/v1/runs")) {
      status = 202;
      answer = Map.of("run", RUN, "status", "queued", "total", 2);
    } else if (path.equals("/v1/runs/" + RUN)) {
      answer = polls.incrementAndGet() == 1 ? running() : finished();
    } else {
      status = 404;
      answer = Map.of("error", "no version 9", "status", 404);
    }
    byte[] bytes = TrainerClient.JSON.writeValueAsBytes(answer);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, Object> running() {
    return Map.of(
        "run",
        RUN,
        "status",
        "running",
        "total",
        2,
        "done",
        1,
        "succeeded",
        1,
        "skipped",
        0,
        "failed",
        0,
        "cancelled",
        0,
        "scopes",
        List.of());
  }

  private static Map<String, Object> finished() {
    return Map.of(
        "run", RUN,
        "status", "succeeded",
        "total", 2,
        "done", 2,
        "succeeded", 1,
        "skipped", 1,
        "failed", 0,
        "cancelled", 0,
        "scopes",
            List.of(
                Map.of(
                    "scope",
                    "contract=One year",
                    "status",
                    "succeeded",
                    "rows",
                    1473,
                    "version",
                    1,
                    "metrics",
                    Map.of("auc", 0.86123, "accuracy", 0.9, "logLoss", 0.25),
                    "promoted",
                    true,
                    "seconds",
                    1.234),
                Map.of(
                    "scope", "contract=Two year",
                    "status", "skipped",
                    "rows", 40,
                    "reason", "40 rows, below minRows 50")));
  }

  private record Recorded(String method, String path, String authorization, String body) {}
}

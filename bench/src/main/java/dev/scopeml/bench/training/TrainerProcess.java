package dev.scopeml.bench.training;

import dev.scopeml.bench.stack.Ports;
import dev.scopeml.bench.stack.Readiness;
import dev.scopeml.bench.stack.ScorerProcess;
import dev.scopeml.modelstore.database.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trainer jar as its own process on 127.0.0.1, driven through its REST API (trainer/README.md)
 * the way {@code scopeml train} drives it.
 */
final class TrainerProcess implements AutoCloseable {

  static final Path JAR = Path.of("trainer/target/scopeml-trainer.jar");
  private static final String TOKEN = "bench-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Process process;
  private final URI base;
  private final HttpClient client = HttpClient.newHttpClient();

  private TrainerProcess(Process process, int port) {
    this.process = process;
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** Starts a trainer with {@code workers} worker threads and waits until it is healthy. */
  static TrainerProcess start(DatabaseSettings db, Path dataDir, int workers, Path log) {
    int port = Ports.free();
    var command =
        List.of(
            ScorerProcess.java(),
            "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow",
            "-jar",
            JAR.toString(),
            "--server.port=" + port,
            "--server.address=127.0.0.1",
            "--scopeml.trainer.workers=" + workers,
            "--scopeml.trainer.poll-interval=50ms",
            "--logging.level.dev.scopeml=WARN");
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("SCOPEML_DB_URL", db.url());
    builder.environment().put("SCOPEML_DB_USER", db.user());
    builder.environment().put("SCOPEML_DB_PASSWORD", db.password());
    builder.environment().put("SCOPEML_ADMIN_TOKEN", TOKEN);
    builder.environment().put("SCOPEML_DATA_DIR", dataDir.toAbsolutePath().toString());
    try {
      var trainer = new TrainerProcess(builder.start(), port);
      Readiness.await(
          port,
          "/actuator/health",
          Duration.ofMillis(100),
          Duration.ofMinutes(3),
          trainer.process::isAlive);
      return trainer;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the trainer", e);
    }
  }

  /** Submits a run of xgboost on {@code csv} by {@code scopeBy}; returns the run id. */
  String submit(String model, String csv, String label, String scopeBy, Map<String, ?> params)
      throws IOException, InterruptedException {
    var body =
        Map.of(
            "model",
            model,
            "source",
            Map.of("csv", csv),
            "label",
            label,
            "scopeBy",
            List.of(scopeBy),
            "algorithm",
            "xgboost",
            "params",
            params);
    JsonNode run = call("POST", "/v1/runs", JSON.writeValueAsString(body));
    if (!run.has("run")) {
      throw new IllegalStateException("run refused: " + run);
    }
    return run.get("run").asString();
  }

  /** Waits until the run ends; returns its view (with scopes and timings). */
  JsonNode await(String run) throws IOException, InterruptedException {
    while (true) {
      JsonNode view = call("GET", "/v1/runs/" + run, null);
      String status = view.get("status").asString();
      if (!status.equals("queued") && !status.equals("running")) {
        if (!status.equals("succeeded")) {
          throw new IllegalStateException("run " + run + " ended " + status);
        }
        return view;
      }
      Thread.sleep(100);
    }
  }

  private JsonNode call(String method, String path, String body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(5))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}

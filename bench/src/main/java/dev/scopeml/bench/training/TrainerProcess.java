package dev.scopeml.bench.training;

import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trainer jar as its own process on 127.0.0.1, driven through its REST API (trainer/README.md)
 * the way {@code scopeml train} drives it.
 */
public final class TrainerProcess implements AutoCloseable {

  private static final String TOKEN = "bench-token";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ServiceProcess process;
  private final HttpClient client = HttpClient.newHttpClient();

  private TrainerProcess(ServiceProcess process) {
    this.process = process;
  }

  /**
   * Starts a trainer with {@code workers} worker threads and waits until it is healthy.
   *
   * @param log its log file; the file name without {@code .log} names the process
   */
  public static TrainerProcess start(DatabaseSettings db, Path dataDir, int workers, Path log) {
    return start(db, dataDir, workers, log, Map.of());
  }

  /**
   * Starts a trainer with {@code workers} worker threads and further {@code properties} (the Spark
   * engine's) and waits until it is healthy.
   */
  public static TrainerProcess start(
      DatabaseSettings db, Path dataDir, int workers, Path log, Map<String, String> properties) {
    String name = log.getFileName().toString().replaceFirst("\\.log$", "");
    var all = new HashMap<String, String>(properties);
    all.put("scopeml.trainer.workers", Integer.toString(workers));
    all.put("scopeml.trainer.poll-interval", "50ms");
    all.put("logging.level.dev.scopeml", "WARN");
    var trainer =
        Services.trainer(
            name, ServiceJars.trainer(), db, dataDir, TOKEN, all, log.toAbsolutePath().getParent());
    return new TrainerProcess(trainer.awaitOk("/actuator/health", Duration.ofMinutes(3)));
  }

  /** Submits a run of xgboost on {@code csv} by {@code scopeBy}; returns the run id. */
  String submit(String model, String csv, String label, String scopeBy, Map<String, ?> params)
      throws IOException, InterruptedException {
    return submit(model, csv, label, scopeBy, params, "trainer");
  }

  /** Submits a run as {@link #submit} does, trained by {@code engine}: trainer or spark. */
  String submit(
      String model, String csv, String label, String scopeBy, Map<String, ?> params, String engine)
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
            params,
            "engine",
            engine);
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

  /**
   * Submits a scoring job and waits until it ends; returns its view.
   *
   * @throws IllegalStateException if it is refused or does not succeed
   */
  public JsonNode score(Map<String, Object> job) throws IOException, InterruptedException {
    JsonNode accepted = call("POST", "/v1/scoring-jobs", JSON.writeValueAsString(job));
    if (!accepted.has("job")) {
      throw new IllegalStateException("job refused: " + accepted);
    }
    String id = accepted.get("job").asString();
    while (true) {
      JsonNode view = call("GET", "/v1/scoring-jobs/" + id, null);
      String status = view.get("status").asString();
      if (!status.equals("queued") && !status.equals("running")) {
        if (!status.equals("succeeded")) {
          throw new IllegalStateException("job " + id + " ended " + status + ": " + view);
        }
        return view;
      }
      Thread.sleep(50);
    }
  }

  private JsonNode call(String method, String path, String body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(process.uri(path))
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
    // Graceful: running tasks end and release their leases.
    process.stop(Duration.ofSeconds(90));
  }
}

package dev.scopeml.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.testsupport.Repository;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A trainer process that submits Spark runs to {@code master} from the built Spark home and
 * application jar, on its own database and data directory under {@code target/}.
 */
public final class SparkTrainer implements AutoCloseable {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "spark-engine-test-token";
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final ServiceProcess process;

  private SparkTrainer(ServiceProcess process) {
    this.process = process;
  }

  /** The built Spark home: {@code spark/runtime/target/spark-home}. */
  public static Path sparkHome() {
    return Repository.file("spark/runtime/target/spark-home").toAbsolutePath();
  }

  /** The built application: {@code spark/app/target/scopeml-spark.jar}. */
  public static Path appJar() {
    return ServiceJars.pinned(Repository.file("spark/app/target/scopeml-spark.jar"));
  }

  /**
   * Starts a trainer with two workers for the trainer engine, submitting Spark runs to {@code
   * master}, with the database as the JDBC source {@code warehouse}; waits until it is healthy.
   *
   * @param work the test's directory: data sets, logs and Spark's output go under it
   */
  public static SparkTrainer start(String master, DatabaseSettings db, Path work) {
    return start(master, db, work, Map.of());
  }

  /** As {@link #start(String, DatabaseSettings, Path)}, with further trainer properties. */
  public static SparkTrainer start(
      String master, DatabaseSettings db, Path work, Map<String, String> more) {
    Path data = Services.copyDataSets(work.resolve("data"));
    var properties = new HashMap<String, String>();
    properties.put("scopeml.trainer.workers", "2");
    // The test's own database doubles as a named JDBC source of runs.
    properties.put("scopeml.sources.warehouse.url", db.url());
    properties.put("scopeml.sources.warehouse.user", db.user());
    properties.put("scopeml.sources.warehouse.password", db.password());
    properties.put("scopeml.spark.master", master);
    properties.put("scopeml.spark.home", sparkHome().toString());
    properties.put("scopeml.spark.app-jar", appJar().toString());
    properties.put(
        "scopeml.spark.log-directory", work.resolve("spark-logs").toAbsolutePath().toString());
    properties.put("scopeml.spark.conf[spark.ui.enabled]", "false");
    properties.put("scopeml.spark.conf[spark.driver.memory]", "768m");
    properties.put("scopeml.spark.conf[spark.executor.memory]", "768m");
    properties.put("scopeml.spark.conf[spark.sql.shuffle.partitions]", "8");
    properties.put("scopeml.spark.conf[spark.sql.adaptive.coalescePartitions.enabled]", "false");
    properties.putAll(more);
    var process =
        Services.trainer(
            "trainer",
            ServiceJars.pinned(ServiceJars.trainer()),
            db,
            data,
            TOKEN,
            properties,
            work);
    process.awaitOk("/actuator/health", Duration.ofMinutes(2));
    return new SparkTrainer(process);
  }

  /** Submits a run; fails the test unless it is accepted. Returns the run id. */
  public String submit(Map<String, Object> request) {
    JsonNode reply = send("POST", "/v1/runs", JSON.writeValueAsString(request), 202);
    return reply.path("run").asString();
  }

  /** The run's view once it has finished (every scope ended), within {@code timeout}. */
  public JsonNode awaitRun(String run, Duration timeout) {
    return await(
        "/v1/runs/" + run,
        view -> view.path("done").asInt() == view.path("total").asInt(),
        "run " + run + " finishes",
        timeout);
  }

  /** The scoring job's view once it has ended, within {@code timeout}. */
  public JsonNode awaitJob(String job, Duration timeout) {
    return await(
        "/v1/scoring-jobs/" + job,
        view -> Set.of("succeeded", "failed", "cancelled").contains(view.path("status").asString()),
        "job " + job + " ends",
        timeout);
  }

  private JsonNode await(String path, Predicate<JsonNode> ended, String what, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode view = send("GET", path, null, 200);
      if (ended.test(view)) {
        return view;
      }
      assertThat(System.nanoTime())
          .as("%s within %s; last seen %s", what, timeout, view)
          .isLessThan(deadline);
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** Sends a request with the admin token and checks the status; returns the body as JSON. */
  public JsonNode send(String method, String path, String json, int expectedStatus) {
    var request =
        HttpRequest.newBuilder(process.uri(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode())
          .as("%s %s answered %s", method, path, response.body())
          .isEqualTo(expectedStatus);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** POSTs JSON to a service without the admin token (a scorer); returns the 200 answer. */
  public static JsonNode post(URI uri, String json) {
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      assertThat(response.statusCode())
          .as("POST %s answered %s", uri, response.body())
          .isEqualTo(200);
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String path) {
    return process.uri(path);
  }

  @Override
  public void close() {
    process.close();
  }
}

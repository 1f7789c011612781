package dev.scopeml.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.postgres.PostgresTest;
import dev.scopeml.trainer.training.TaskPhaseListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the trainer's integration tests: a fresh migrated PostgreSQL database per class (from
 * {@link PostgresTest}), a data directory holding copies of the bundled real data sets, and real
 * trainer applications on random ports talking to that database. A class may start several trainers
 * on the one database, as several trainer processes would share it.
 */
public abstract class TrainerTest extends PostgresTest {

  protected static final String TOKEN = "test-admin-token-0123456789";
  protected static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Path DATASETS = Path.of("..", "datasets");
  private static final Set<String> ENDED =
      Set.of("succeeded", "partially_failed", "failed", "cancelled");

  private final HttpClient http = HttpClient.newHttpClient();
  private final List<Trainer> trainers = new ArrayList<>();
  private Path dataDir;
  private Trainer trainer;

  @BeforeAll
  final void prepareDataDirectory() throws IOException {
    dataDir = Files.createTempDirectory("scopeml-trainer-data");
    try (var files = Files.list(DATASETS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        Files.copy(file, dataDir.resolve(file.getFileName()));
      }
    }
  }

  @AfterAll
  final void stopTrainers() {
    trainers.forEach(Trainer::close);
    trainers.clear();
  }

  /** The class's default trainer, started on first use with {@link #trainerProperties()}. */
  protected Trainer trainer() {
    if (trainer == null) {
      trainer = startTrainer(trainerProperties());
    }
    return trainer;
  }

  /** Properties of the default trainer beyond the database, token and data directory. */
  protected Map<String, Object> trainerProperties() {
    return Map.of();
  }

  /** The directory trainers read CSV files from. */
  protected Path dataDir() {
    return dataDir;
  }

  /**
   * Starts another trainer on this class's database; it is stopped after the class.
   *
   * @param listeners beans to add to its context, such as {@link TaskPhaseListener}s
   */
  protected Trainer startTrainer(Map<String, Object> overrides, Object... listeners) {
    var properties = new LinkedHashMap<String, Object>();
    properties.put("server.port", 0);
    properties.put("scopeml.db.url", settings().url());
    properties.put("scopeml.db.user", settings().user());
    properties.put("scopeml.db.password", settings().password());
    properties.put("scopeml.db.pool-size", 6);
    properties.put("scopeml.admin-token", TOKEN);
    properties.put("scopeml.data-dir", dataDir.toString());
    properties.put("scopeml.trainer.poll-interval", "100ms");
    properties.put("logging.structured.format.console", "logstash");
    properties.putAll(overrides);
    // Command-line arguments outrank application.yml, as a deployment's environment would.
    String[] args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TrainerApplication.class)
            .initializers(
                ctx -> {
                  for (int i = 0; i < listeners.length; i++) {
                    ctx.getBeanFactory().registerSingleton("testListener" + i, listeners[i]);
                  }
                })
            .run(args);
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    var started = new Trainer(context, URI.create("http://127.0.0.1:" + port));
    trainers.add(started);
    return started;
  }

  /** A request to the default trainer with the admin token. */
  protected Response call(String method, String path, Object body) {
    return trainer().call(method, path, body, TOKEN);
  }

  protected Response get(String path) {
    return call("GET", path, null);
  }

  protected Response post(String path, Object body) {
    return call("POST", path, body);
  }

  /** Submits a run to the default trainer, expects 202, and returns the run id. */
  protected String submit(Map<String, Object> run) {
    Response response = post("/v1/runs", run);
    assertThat(response.status()).as("submit %s: %s", run, response.body()).isEqualTo(202);
    return response.json().get("run").asString();
  }

  /** Polls the run until it ends and returns its last view. */
  protected JsonNode awaitRun(String run, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode view = get("/v1/runs/" + run).json();
      if (ENDED.contains(view.get("status").asString())) {
        return view;
      }
      assertThat(System.nanoTime()).as("run %s still %s", run, view).isLessThan(deadline);
      sleep(Duration.ofMillis(200));
    }
  }

  /** The run's scopes by canonical scope key. */
  protected static Map<String, JsonNode> scopesOf(JsonNode run) {
    var scopes = new LinkedHashMap<String, JsonNode>();
    run.get("scopes").forEach(scope -> scopes.put(scope.get("scope").asString(), scope));
    return scopes;
  }

  protected static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A running trainer application. */
  public final class Trainer implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final URI base;

    Trainer(ConfigurableApplicationContext context, URI base) {
      this.context = context;
      this.base = base;
    }

    public ConfigurableApplicationContext context() {
      return context;
    }

    public URI base() {
      return base;
    }

    /** An HTTP request; {@code token} null sends no Authorization header. */
    public Response call(String method, String path, Object body, String token) {
      var request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpRequest.BodyPublisher publisher =
          switch (body) {
            case null -> HttpRequest.BodyPublishers.noBody();
            case String text -> HttpRequest.BodyPublishers.ofString(text);
            case byte[] bytes -> HttpRequest.BodyPublishers.ofByteArray(bytes);
            default -> HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
          };
      if (body != null && !(body instanceof byte[])) {
        request.header("Content-Type", "application/json");
      }
      if (body instanceof byte[]) {
        request.header("Content-Type", "text/csv");
      }
      try {
        HttpResponse<String> response =
            http.send(
                request.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers().map());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      context.close();
    }
  }

  /**
   * An HTTP answer.
   *
   * @param status the status code
   * @param body the body text
   * @param headers the response headers
   */
  public record Response(int status, String body, Map<String, List<String>> headers) {

    /** The body as JSON. */
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }
}

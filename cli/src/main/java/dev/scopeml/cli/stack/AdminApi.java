package dev.scopeml.cli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The trainer's admin API, read-only, as the demo uses it to learn what a run stored. */
final class AdminApi {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String token;

  AdminApi(String base, String token) {
    this.base = base;
    this.token = token;
  }

  JsonNode get(String path) {
    var request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new StackException(
            "the trainer answered "
                + response.statusCode()
                + " to "
                + path
                + ": "
                + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new StackException("cannot reach the trainer at " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted");
    }
  }

  /** The newest run of {@code model}. */
  JsonNode newestRun(String model) {
    for (JsonNode run : get("/v1/runs?limit=20")) {
      if (run.get("model").asString().equals(model)) {
        return get("/v1/runs/" + run.get("run").asString());
      }
    }
    throw new StackException("the trainer has no run of " + model);
  }
}

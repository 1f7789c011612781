package dev.scopeml.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Flow;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The trainer's HTTP API as the CLI's commands and the demo use it: JSON in, JSON out, errors as
 * {@link TrainerException}s.
 */
public final class TrainerClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String token;

  public TrainerClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  public JsonNode get(String path) {
    return send(request(path).GET());
  }

  JsonNode post(String path, Object body) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  /**
   * Uploads a CSV file; returns the trainer's answer with the path to name in a run. The body waits
   * for the trainer's 100 Continue, so a file over its limit is refused before it is sent.
   */
  JsonNode upload(Path file, UploadProgress progress) {
    HttpRequest.BodyPublisher body;
    try {
      body = HttpRequest.BodyPublishers.ofFile(file);
    } catch (java.io.FileNotFoundException e) {
      throw new TrainerException("cannot read " + file);
    }
    try {
      return send(
          request("/v1/uploads")
              .header("Content-Type", "text/csv")
              .expectContinue(true)
              .POST(counted(body, progress)));
    } catch (TrainerException e) {
      if (e.status() == 413) {
        throw new TrainerException(
            e.getMessage()
                + ": copy "
                + file
                + " into the trainer's data directory and name it with --csv, raise the trainer's"
                + " scopeml.upload.max-size (SCOPEML_UPLOAD_MAX_SIZE), or read it from a JDBC source (--jdbc-source)",
            e.status());
      }
      throw e;
    }
  }

  private static HttpRequest.BodyPublisher counted(
      HttpRequest.BodyPublisher body, UploadProgress progress) {
    return new HttpRequest.BodyPublisher() {
      @Override
      public long contentLength() {
        return body.contentLength();
      }

      @Override
      public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        body.subscribe(progress.counting(subscriber));
      }
    };
  }

  URI base() {
    return base;
  }

  private HttpRequest.Builder request(String path) {
    var builder =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofMinutes(5))
            .header("Accept", "application/json");
    if (token != null && !token.isBlank()) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TrainerException("cannot reach the trainer at " + base + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TrainerException("interrupted");
    }
    JsonNode body;
    try {
      body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw new TrainerException(
          "the trainer answered " + response.statusCode() + " with a body that is not JSON");
    }
    if (response.statusCode() >= 400) {
      String error = body.has("error") ? body.get("error").asString() : response.body();
      throw new TrainerException(
          error + " (HTTP " + response.statusCode() + ")", response.statusCode());
    }
    return body;
  }
}

package dev.scopeml.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sends prediction requests the way an application would: JSON over HTTP, through nginx. */
final class ScoringClient implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http;
  private final URI predict;

  /**
   * @param baseUrl nginx (or a scorer) base URL
   * @param model the model to ask
   * @param tls the TLS client for an https URL, or null
   */
  ScoringClient(String baseUrl, String model, SSLContext tls) {
    this.predict = URI.create(baseUrl + "/v1/models/" + model + "/predict");
    var builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2));
    this.http = tls == null ? builder.build() : builder.sslContext(tls).build();
  }

  /**
   * One prediction.
   *
   * @param scope the scope whose version answered
   * @param version that version
   * @param label the predicted class
   * @param probabilities class probabilities
   * @param fallback whether the global model answered for a scope without its own
   */
  record Prediction(
      String scope,
      int version,
      String label,
      Map<String, Double> probabilities,
      boolean fallback) {}

  /**
   * An answer: the predictions, in request order, and the scorer release that gave them.
   *
   * @param status HTTP status
   * @param predictions empty unless the status is 200
   * @param scorerVersion the {@code X-Scorer-Version} header
   * @param body the raw body, for error messages
   */
  record Answer(int status, List<Prediction> predictions, String scorerVersion, String body) {}

  @Override
  public void close() {
    http.close();
  }

  /** Predicts the instances; every instance carries its scope column. */
  Answer predict(List<Map<String, Object>> instances) throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(predict)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("instances", instances))))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    String scorer = response.headers().firstValue("X-Scorer-Version").orElse("?");
    if (response.statusCode() != 200) {
      return new Answer(response.statusCode(), List.of(), scorer, response.body());
    }
    var predictions = new ArrayList<Prediction>();
    for (JsonNode node : JSON.readTree(response.body()).get("predictions")) {
      var probabilities = new LinkedHashMap<String, Double>();
      node.get("probabilities")
          .properties()
          .forEach(entry -> probabilities.put(entry.getKey(), entry.getValue().asDouble()));
      predictions.add(
          new Prediction(
              node.get("scope").asString(),
              node.get("version").asInt(),
              node.get("label").asString(),
              probabilities,
              node.has("fallback") && node.get("fallback").asBoolean()));
    }
    return new Answer(200, predictions, scorer, response.body());
  }
}

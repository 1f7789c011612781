package dev.scopeml.bench.http;

import dev.scopeml.load.HttpAnswer;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.KeepAliveConnection;
import java.io.IOException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How closely two stacks agree on one batch: the share of rows given the same label and the largest
 * difference of a class probability. The two models are trained separately (xgboost4j through
 * Tribuo, Python xgboost), so they agree closely but not bit for bit.
 *
 * @param rows rows compared
 * @param sameLabel rows both stacks gave the same label
 * @param maxDifference the largest absolute difference of one probability
 */
record Parity(int rows, int sameLabel, double maxDifference) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Parity of(int port, String first, String second, String body) throws IOException {
    JsonNode a = predictions(port, first, body);
    JsonNode b = predictions(port, second, body);
    int same = 0;
    double max = 0;
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i).get("label").asString().equals(b.get(i).get("label").asString())) {
        same++;
      }
      for (var entry : a.get(i).get("probabilities").properties()) {
        double other = b.get(i).get("probabilities").get(entry.getKey()).asDouble();
        max = Math.max(max, Math.abs(entry.getValue().asDouble() - other));
      }
    }
    return new Parity(a.size(), same, max);
  }

  private static JsonNode predictions(int port, String path, String body) throws IOException {
    try (var connection = new KeepAliveConnection(port, 10_000)) {
      HttpAnswer answer = connection.send(HttpRequests.postJson(port, path, body));
      if (answer.status() != 200) {
        throw new IOException(path + " answered " + answer.status() + ": " + answer.text());
      }
      return JSON.readTree(answer.text()).get("predictions");
    }
  }
}

package dev.scopeml.scorer.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.TelcoModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The scorer answers telco churn scopes exactly as the trainer-side model does, through the native
 * API, batch and single row, with the scope given per request or per instance, and falls back to
 * the global model for a scope without a version of its own.
 */
class PredictionParityTest extends ScorerTest {

  private final Map<String, TelcoModel> byContract = new LinkedHashMap<>();
  private final Map<String, Integer> versionOf = new HashMap<>();
  private TelcoModel global;
  private RunningScorer scorer;

  @BeforeAll
  void storeModelsAndStartScorer() {
    // Two scopes of their own; "Two year" is left to the global model.
    for (String contract : List.of("Month-to-month", "One year")) {
      TelcoModel trained = TelcoModel.train(contract, 20, 4, 7);
      if (byContract.isEmpty()) {
        store().registerFamily(trained.family());
      }
      ModelVersion saved = storeAndPromote(trained.toVersion());
      byContract.put(contract, trained);
      versionOf.put(contract, saved.version());
    }
    global = TelcoModel.train(null, 20, 4, 7);
    versionOf.put("*", storeAndPromote(global.toVersion()).version());
    scorer = startReadyScorer(Map.of());
  }

  @Test
  void batchPredictionsEqualTheTrainerSide() {
    for (var entry : byContract.entrySet()) {
      TelcoModel trained = entry.getValue();
      List<Map<String, Object>> rows = trained.holdout().subList(0, 200);
      var response =
          scorer.post(
              "/v1/models/churn/predict",
              RunningScorer.toJson(
                  Map.of("scope", Map.of("contract", entry.getKey()), "instances", rows)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(response.headers().firstValue("X-Model-Version"))
          .hasValue(String.valueOf(versionOf.get(entry.getKey())));
      JsonNode predictions = RunningScorer.json(response).get("predictions");
      assertThat(predictions.size()).isEqualTo(rows.size());
      for (int i = 0; i < rows.size(); i++) {
        JsonNode prediction = predictions.get(i);
        double[] expected = trained.expected(rows.get(i));
        assertThat(prediction.get("scope").asString()).isEqualTo("contract=" + entry.getKey());
        assertThat(prediction.get("version").asInt()).isEqualTo(versionOf.get(entry.getKey()));
        assertThat(prediction.has("fallback")).isFalse();
        List<String> classes = trained.schema().classes();
        for (int c = 0; c < classes.size(); c++) {
          assertThat(prediction.get("probabilities").get(classes.get(c)).asDouble())
              .as("row %d class %s of scope %s", i, classes.get(c), entry.getKey())
              .isCloseTo(expected[c], within(1e-12));
        }
        String label = expected[1] > expected[0] ? classes.get(1) : classes.get(0);
        assertThat(prediction.get("label").asString()).isEqualTo(label);
      }
    }
  }

  @Test
  void instancesCarryTheirOwnScopesAndUnknownScopesFallBackToGlobal() {
    var rows = new ArrayList<Map<String, Object>>();
    var expected = new ArrayList<double[]>();
    var scopes = new ArrayList<String>();
    for (String contract : TelcoModel.CONTRACTS) {
      TelcoModel answering = byContract.getOrDefault(contract, global);
      Map<String, Object> row =
          byContract.getOrDefault(contract, byContract.get("One year")).holdout().get(3);
      var withScope = new HashMap<>(row);
      withScope.put("contract", contract);
      rows.add(withScope);
      expected.add(answering.expected(withScope));
      scopes.add(contract);
    }
    var response =
        scorer.post("/v1/models/churn/predict", RunningScorer.toJson(Map.of("instances", rows)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode predictions = RunningScorer.json(response).get("predictions");
    for (int i = 0; i < rows.size(); i++) {
      JsonNode prediction = predictions.get(i);
      boolean fallback = !byContract.containsKey(scopes.get(i));
      assertThat(prediction.path("fallback").asBoolean(false)).isEqualTo(fallback);
      assertThat(prediction.get("scope").asString())
          .isEqualTo(fallback ? "*" : "contract=" + scopes.get(i));
      if (fallback) {
        assertThat(prediction.get("requested_scope").asString())
            .isEqualTo("contract=" + scopes.get(i));
      }
      assertThat(prediction.get("probabilities").get("Yes").asDouble())
          .isCloseTo(expected.get(i)[1], within(1e-12));
    }
    assertThat(response.headers().firstValue("X-Model-Version").orElseThrow().split(","))
        .containsExactlyInAnyOrder(
            versionOf.values().stream().distinct().map(String::valueOf).toArray(String[]::new));
  }

  @Test
  void singleRowsEqualTheTrainerSide() {
    TelcoModel trained = byContract.get("One year");
    for (Map<String, Object> row : trained.holdout().subList(0, 50)) {
      var response =
          scorer.post(
              "/v1/models/churn/predict",
              RunningScorer.toJson(
                  Map.of("scope", "contract=One year", "instances", List.of(row))));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      double yes =
          RunningScorer.json(response)
              .get("predictions")
              .get(0)
              .get("probabilities")
              .get("Yes")
              .asDouble();
      assertThat(yes).isCloseTo(trained.expected(row)[1], within(1e-12));
    }
  }
}

package dev.scopeml.scorer.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.TelcoModel;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Open Inference Protocol v2 endpoints answer as the protocol specifies, to request bodies
 * written the way KServe, Triton and MLServer clients send them.
 */
class InferenceProtocolTest extends ScorerTest {

  private static final String SCORER_VERSION = "test-7";

  private TelcoModel oneYear;
  private TelcoModel twoYear;
  private ModelVersion v1;
  private RunningScorer scorer;

  @BeforeAll
  void serveTwoScopes() {
    oneYear = TelcoModel.train("One year", 20, 4, 8);
    twoYear = TelcoModel.train("Two year", 20, 4, 9);
    store().registerFamily(oneYear.family());
    v1 = storeAndPromote(oneYear.toVersion());
    storeAndPromote(twoYear.toVersion());
    scorer = startReadyScorer(Map.of("scopeml.scorer.version", SCORER_VERSION));
  }

  @Test
  void serverMetadataAndHealth() {
    HttpResponse<String> server = scorer.get("/v2");
    assertThat(server.statusCode()).isEqualTo(200);
    JsonNode metadata = RunningScorer.json(server);
    assertThat(metadata.get("name").asString()).isEqualTo("scopeml-scorer");
    assertThat(metadata.get("version").asString()).isEqualTo(SCORER_VERSION);
    assertThat(metadata.get("extensions").isArray()).isTrue();
    assertThat(server.headers().firstValue("X-Scorer-Version")).hasValue(SCORER_VERSION);
    assertThat(scorer.get("/v2/health/live").statusCode()).isEqualTo(200);
    assertThat(scorer.get("/v2/health/ready").statusCode()).isEqualTo(200);
    assertThat(scorer.get("/v2/models/churn/ready").statusCode()).isEqualTo(200);
    assertThat(scorer.get("/v2/models/churn/versions/1/ready").statusCode()).isEqualTo(200);
    assertThat(scorer.get("/v2/models/other/ready").statusCode()).isEqualTo(404);
  }

  @Test
  void modelMetadataDeclaresEveryFeatureAndOutput() {
    JsonNode metadata = RunningScorer.json(scorer.get("/v2/models/churn"));
    assertThat(metadata.get("name").asString()).isEqualTo("churn");
    assertThat(metadata.get("versions").get(0).asString()).isEqualTo("1");
    var inputs = new LinkedHashMap<String, String>();
    metadata
        .get("inputs")
        .forEach(i -> inputs.put(i.get("name").asString(), i.get("datatype").asString()));
    for (Feature feature : oneYear.schema().features()) {
      assertThat(inputs)
          .containsEntry(feature.name(), feature.kind() == FeatureKind.NUMERIC ? "FP64" : "BYTES");
    }
    assertThat(inputs).containsEntry("contract", "BYTES");
    var outputs = new ArrayList<String>();
    metadata.get("outputs").forEach(o -> outputs.add(o.get("name").asString()));
    assertThat(outputs).containsExactly("label", "probabilities", "scope", "version");
    assertThat(metadata.get("parameters").get("encoded_features").size())
        .isEqualTo(oneYear.schema().width());
  }

  @Test
  void namedInputsPerFeatureAnswerLikeTheTrainer() {
    List<Map<String, Object>> rows = oneYear.holdout().subList(0, 4);
    var inputs = new ArrayList<Map<String, Object>>();
    for (Feature feature : oneYear.schema().features()) {
      var data = new ArrayList<Object>();
      for (Map<String, Object> row : rows) {
        Object value = row.get(feature.name());
        data.add(
            feature.kind() == FeatureKind.NUMERIC && value != null
                ? Double.parseDouble((String) value)
                : value);
      }
      var input = new LinkedHashMap<String, Object>();
      input.put("name", feature.name());
      input.put("shape", List.of(rows.size(), 1));
      input.put("datatype", feature.kind() == FeatureKind.NUMERIC ? "FP32" : "BYTES");
      input.put("data", data);
      inputs.add(input);
    }
    var request = new LinkedHashMap<String, Object>();
    request.put("id", "req-42");
    request.put("parameters", Map.of("contract", "One year"));
    request.put("inputs", inputs);
    HttpResponse<String> response =
        scorer.post("/v2/models/churn/infer", RunningScorer.toJson(request));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode body = RunningScorer.json(response);
    assertThat(body.get("model_name").asString()).isEqualTo("churn");
    assertThat(body.get("model_version").asString()).isEqualTo(String.valueOf(v1.version()));
    assertThat(body.get("id").asString()).isEqualTo("req-42");
    JsonNode probabilities = output(body, "probabilities");
    assertThat(probabilities.get("shape").get(0).asInt()).isEqualTo(rows.size());
    assertThat(probabilities.get("shape").get(1).asInt()).isEqualTo(2);
    assertThat(probabilities.get("datatype").asString()).isEqualTo("FP64");
    for (int r = 0; r < rows.size(); r++) {
      double[] expected = oneYear.expected(rows.get(r));
      // FP32 inputs: the trees compare in float, so the answer is the same as from doubles.
      assertThat(probabilities.get("data").get(r * 2 + 1).asDouble())
          .isCloseTo(expected[1], within(1e-12));
      assertThat(output(body, "scope").get("data").get(r).asString())
          .isEqualTo("contract=One year");
    }
  }

  @Test
  void oneEncodedTensorInSchemaOrderAndRequestedOutputsOnly() {
    List<Map<String, Object>> rows = twoYear.holdout().subList(0, 3);
    var data = new ArrayList<List<Object>>();
    for (Map<String, Object> row : rows) {
      var encoded = new ArrayList<Object>();
      for (double value : twoYear.schema().encoder().encode(row)) {
        encoded.add(Double.isNaN(value) ? null : value);
      }
      data.add(encoded);
    }
    String body =
        RunningScorer.toJson(
            Map.of(
                "parameters", Map.of("scope", "contract=Two year"),
                "inputs",
                    List.of(
                        Map.of(
                            "name",
                            "input-0",
                            "shape",
                            List.of(rows.size(), twoYear.schema().width()),
                            "datatype",
                            "FP64",
                            "data",
                            data)),
                "outputs", List.of(Map.of("name", "probabilities"))));
    HttpResponse<String> response = scorer.post("/v2/models/churn/infer", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode outputs = RunningScorer.json(response).get("outputs");
    assertThat(outputs.size()).isEqualTo(1);
    for (int r = 0; r < rows.size(); r++) {
      assertThat(outputs.get(0).get("data").get(r * 2 + 1).asDouble())
          .isCloseTo(twoYear.expected(rows.get(r))[1], within(1e-12));
    }
  }

  @Test
  void aScopeColumnInputGivesEachRowItsScope() {
    Map<String, Object> a = oneYear.holdout().get(1);
    Map<String, Object> b = twoYear.holdout().get(1);
    String body =
        RunningScorer.toJson(
            Map.of(
                "inputs",
                List.of(
                    Map.of(
                        "name",
                        "contract",
                        "shape",
                        List.of(2),
                        "datatype",
                        "BYTES",
                        "data",
                        List.of("One year", "Two year")),
                    Map.of(
                        "name",
                        "tenure",
                        "shape",
                        List.of(2),
                        "datatype",
                        "INT64",
                        "data",
                        List.of(
                            Double.valueOf((String) a.get("tenure")).longValue(),
                            Double.valueOf((String) b.get("tenure")).longValue())),
                    Map.of(
                        "name",
                        "internet_service",
                        "shape",
                        List.of(2),
                        "datatype",
                        "BYTES",
                        "data",
                        List.of(a.get("internet_service"), b.get("internet_service"))))));
    HttpResponse<String> response = scorer.post("/v2/models/churn/versions/1/infer", body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode answer = RunningScorer.json(response);
    assertThat(output(answer, "scope").get("data").get(0).asString())
        .isEqualTo("contract=One year");
    assertThat(output(answer, "scope").get("data").get(1).asString())
        .isEqualTo("contract=Two year");
    var partial = new LinkedHashMap<String, Object>();
    partial.put("tenure", a.get("tenure"));
    partial.put("internet_service", a.get("internet_service"));
    assertThat(output(answer, "probabilities").get("data").get(1).asDouble())
        .as("absent features are missing values, as in the native API")
        .isCloseTo(oneYear.expected(partial)[1], within(1e-12));
    assertThat(output(answer, "label").get("datatype").asString()).isEqualTo("BYTES");
  }

  private static JsonNode output(JsonNode response, String name) {
    for (JsonNode output : response.get("outputs")) {
      if (output.get("name").asString().equals(name)) {
        return output;
      }
    }
    throw new AssertionError("no output " + name + " in " + response);
  }
}

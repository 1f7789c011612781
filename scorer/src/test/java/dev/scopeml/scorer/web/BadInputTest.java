package dev.scopeml.scorer.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.TelcoModel;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad input answers 4xx with a JSON error naming the field at fault, never 5xx, and
 * the scorer stays healthy afterwards. Bodies are raw strings, as a careless or hostile client
 * would send them.
 */
class BadInputTest extends ScorerTest {

  private static final String PREDICT = "/v1/models/churn/predict";
  private static final String INFER = "/v2/models/churn/infer";
  private static final int MAX_INSTANCES = 5;

  private RunningScorer scorer;
  private String goodRow;

  @BeforeAll
  void serveOneScope() {
    TelcoModel trained = TelcoModel.train("One year", 10, 4, 5);
    store().registerFamily(trained.family());
    storeAndPromote(trained.toVersion());
    var row = new HashMap<>(trained.holdout().get(0));
    row.remove("contract");
    goodRow = RunningScorer.toJson(row);
    scorer =
        startReadyScorer(
            Map.of(
                "scopeml.scorer.max-instances",
                MAX_INSTANCES,
                "scopeml.scorer.max-body-size",
                "64KB"));
  }

  static Stream<Arguments> badPredictions() {
    String scope = "\"scope\": {\"contract\": \"One year\"}";
    return Stream.of(
        bad("malformed JSON", "{\"instances\": [", 400, null),
        bad("empty body", "", 400, null),
        bad("not an object", "[1, 2]", 400, null),
        bad("a bare string", "\"hello\"", 400, null),
        bad("trailing garbage", "{" + scope + ", \"instances\": [{}]} x", 400, null),
        bad("missing instances", "{" + scope + "}", 400, "instances"),
        bad("empty instances", "{" + scope + ", \"instances\": []}", 400, "instances"),
        bad("instances not an array", "{" + scope + ", \"instances\": {}}", 400, "instances"),
        bad("instance not an object", "{" + scope + ", \"instances\": [3]}", 400, "instances[0]"),
        bad(
            "too many instances",
            "{" + scope + ", \"instances\": [{},{},{},{},{},{}]}",
            400,
            "instances"),
        bad("unknown field", "{" + scope + ", \"instances\": [{}], \"x\": 1}", 400, "x"),
        bad("duplicate field", "{" + scope + ", " + scope + ", \"instances\": [{}]}", 400, "scope"),
        bad("text for a number", row(scope, "\"tenure\": \"abc\""), 400, "instances[0].tenure"),
        bad("boolean for a number", row(scope, "\"tenure\": true"), 400, "instances[0].tenure"),
        bad(
            "object for a number",
            row(scope, "\"tenure\": {\"a\": 1}"),
            400,
            "instances[0].tenure"),
        bad("array for a number", row(scope, "\"tenure\": [1]"), 400, "instances[0].tenure"),
        bad("NaN as text", row(scope, "\"tenure\": \"NaN\""), 400, "instances[0].tenure"),
        bad("Infinity as text", row(scope, "\"tenure\": \"Infinity\""), 400, "instances[0].tenure"),
        bad("NaN literal", row(scope, "\"tenure\": NaN"), 400, null),
        bad("Infinity literal", row(scope, "\"tenure\": -Infinity"), 400, null),
        bad("overflowing number", row(scope, "\"tenure\": 1e999"), 400, "instances[0].tenure"),
        bad("number of 200 digits", row(scope, "\"tenure\": " + "9".repeat(200)), 400, null),
        bad(
            "string of 20000 characters",
            row(scope, "\"payment_method\": \"" + "x".repeat(20_000) + "\""),
            400,
            null),
        bad(
            "nesting 100 deep",
            "{\"instances\": " + "[".repeat(100) + "]".repeat(100) + "}",
            400,
            null),
        bad(
            "object for a category",
            row(scope, "\"internet_service\": {}"),
            400,
            "instances[0].internet_service"),
        bad(
            "unknown scope, no global",
            "{\"scope\": {\"contract\": \"Weekly\"}, \"instances\": [{}]}",
            404,
            "scope"),
        bad(
            "scope column missing",
            "{\"instances\": [{\"tenure\": 3}]}",
            400,
            "instances[0].contract"),
        bad(
            "scope of unknown column",
            "{\"scope\": {\"plan\": \"x\"}, \"instances\": [{}]}",
            400,
            "scope.plan"),
        bad("scope null", "{\"scope\": null, \"instances\": [{}]}", 400, "scope"),
        bad("scope a number", "{\"scope\": 3, \"instances\": [{}]}", 400, "scope"),
        bad(
            "scope string malformed",
            "{\"scope\": \"contract\", \"instances\": [{}]}",
            400,
            "scope"),
        bad(
            "scope value an array",
            "{\"scope\": {\"contract\": [1]}, \"instances\": [{}]}",
            400,
            "scope.contract"));
  }

  @ParameterizedTest(name = "predict: {0}")
  @MethodSource("badPredictions")
  void badPredictRequestsAnswer4xxNamingTheField(
      String name, String body, int status, String field) {
    assertRefused(scorer.post(PREDICT, body), status, field);
  }

  static Stream<Arguments> badInferences() {
    String scope = "\"parameters\": {\"scope\": \"contract=One year\"}";
    return Stream.of(
        bad("inputs missing", "{" + scope + "}", 400, "inputs"),
        bad("inputs empty", "{" + scope + ", \"inputs\": []}", 400, "inputs"),
        bad("input not an object", "{" + scope + ", \"inputs\": [1]}", 400, "inputs[0]"),
        bad(
            "input without name",
            infer(scope, "\"shape\": [1], \"datatype\": \"FP64\", \"data\": [1]"),
            400,
            "inputs[0].name"),
        bad(
            "unknown datatype",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FLOAT\", \"data\": [1]"),
            400,
            "inputs[0].datatype"),
        bad(
            "lower-case datatype",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"fp64\", \"data\": [1]"),
            400,
            "inputs[0].datatype"),
        bad(
            "shape and data disagree",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [2], \"datatype\": \"FP64\", \"data\": [1]"),
            400,
            "inputs[0].data"),
        bad(
            "negative shape",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [-1], \"datatype\": \"FP64\", \"data\": [1]"),
            400,
            "inputs[0].shape"),
        bad(
            "fractional shape",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1.5], \"datatype\": \"FP64\", \"data\": [1]"),
            400,
            "inputs[0].shape"),
        bad(
            "shape not an array",
            infer(
                scope, "\"name\": \"tenure\", \"shape\": 1, \"datatype\": \"FP64\", \"data\": [1]"),
            400,
            "inputs[0].shape"),
        bad(
            "data not an array",
            infer(
                scope, "\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": 1"),
            400,
            "inputs[0].data"),
        bad(
            "object in data",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [{}]"),
            400,
            "inputs[0].data"),
        bad(
            "string in FP64",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [\"a\"]"),
            400,
            "inputs[0].data[0]"),
        bad(
            "fraction in INT32",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"INT32\", \"data\": [1.5]"),
            400,
            "inputs[0].data[0]"),
        bad(
            "number in BYTES",
            infer(
                scope,
                "\"name\": \"internet_service\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [3]"),
            400,
            "inputs[0].data[0]"),
        bad(
            "overflowing FP64",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1e999]"),
            400,
            "inputs[0].data[0]"),
        bad(
            "unknown input",
            infer(
                scope,
                "\"name\": \"colour\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"red\"]"),
            400,
            "inputs[0].name"),
        bad(
            "named input of two columns",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [1, 2], \"datatype\": \"FP64\", \"data\": [1, 2]"),
            400,
            "inputs[0].shape"),
        bad(
            "inputs of different lengths",
            "{"
                + scope
                + ", \"inputs\": [{\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1]},"
                + " {\"name\": \"monthly_charges\", \"shape\": [2], \"datatype\": \"FP64\", \"data\": [1, 2]}]}",
            400,
            "inputs[1].shape"),
        bad(
            "input given twice",
            "{"
                + scope
                + ", \"inputs\": [{\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1]},"
                + " {\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [1]}]}",
            400,
            "inputs[1].name"),
        bad(
            "tensor of the wrong width",
            infer(
                scope,
                "\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", \"data\": [[1, 2, 3]]"),
            400,
            "inputs[0].shape"),
        bad(
            "tensor of strings",
            infer(
                scope,
                "\"name\": \"x\", \"shape\": [1, 1], \"datatype\": \"BYTES\", \"data\": [\"a\"]"),
            400,
            "inputs[0].datatype"),
        bad(
            "too many rows",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [6], \"datatype\": \"FP64\", \"data\": [1,2,3,4,5,6]"),
            400,
            "inputs"),
        bad(
            "zero rows",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [0], \"datatype\": \"FP64\", \"data\": []"),
            400,
            "inputs"),
        bad(
            "huge shape",
            infer(
                scope,
                "\"name\": \"tenure\", \"shape\": [100000000000], \"datatype\": \"FP64\", \"data\": [1]"),
            400,
            "inputs[0].shape"),
        bad(
            "unknown output",
            "{"
                + scope
                + ", \"inputs\": ["
                + tenure()
                + "], \"outputs\": [{\"name\": \"logits\"}]}",
            400,
            "outputs[0].name"),
        bad(
            "parameters not an object",
            "{\"parameters\": [], \"inputs\": [" + tenure() + "]}",
            400,
            "parameters"),
        bad(
            "bad scope parameter",
            "{\"parameters\": {\"scope\": \"=\"}, \"inputs\": [" + tenure() + "]}",
            400,
            "parameters.scope"),
        bad(
            "scope without a model",
            "{\"parameters\": {\"contract\": \"Weekly\"}, \"inputs\": [" + tenure() + "]}",
            404,
            "scope"),
        bad(
            "id not a string",
            "{\"id\": 5, " + scope + ", \"inputs\": [" + tenure() + "]}",
            400,
            "id"));
  }

  @ParameterizedTest(name = "infer: {0}")
  @MethodSource("badInferences")
  void badInferRequestsAnswer4xxNamingTheField(String name, String body, int status, String field) {
    assertRefused(scorer.post(INFER, body), status, field);
  }

  @Test
  void unknownModelsPathsAndMethodsAnswerJson4xx() {
    String body = "{\"scope\": \"contract=One year\", \"instances\": [" + goodRow + "]}";
    assertRefused(scorer.post("/v1/models/nope/predict", body), 404, null);
    assertRefused(
        scorer.post("/v2/models/nope/infer", "{\"inputs\": [" + tenure() + "]}"), 404, null);
    assertRefused(scorer.get("/v2/models/nope"), 404, null);
    assertRefused(scorer.get("/v2/models/churn/versions/99"), 404, "version");
    assertRefused(
        scorer.post("/v2/models/churn/versions/abc/infer", "{\"inputs\": [" + tenure() + "]}"),
        404,
        "version");
    assertRefused(scorer.get(PREDICT), 405, null);
    assertRefused(scorer.get("/no/such/path"), 404, null);
    assertRefused(scorer.post("/v1/models/" + "m".repeat(5000) + "/predict", body), 404, null);
  }

  @Test
  void requestsTomcatRefusesBeforeTheApiAnswerJsonToo() {
    for (String path :
        List.of("/v1/models/churn%2Fpredict/predict", "/v1/models/churn%00/predict")) {
      assertRefused(scorer.post(path, "{}"), 400, null);
    }
  }

  @Test
  void anOversizedBodyAnswers413() {
    String big =
        "{\"instances\": [{\"payment_method\": \""
            + "x".repeat(9_000)
            + "\"}],"
            + " \"pad\": \""
            + "y".repeat(70 * 1024)
            + "\"}";
    assertRefused(scorer.post(PREDICT, big), 413, null);
    // Sent in chunks without a declared length, it is cut off while reading.
    HttpResponse<String> chunked =
        scorer.send(
            HttpRequest.newBuilder(scorer.uri(PREDICT))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(big.getBytes()))));
    assertRefused(chunked, 413, null);
  }

  @Test
  void missingFeaturesAndUnknownCategoriesAreValuesNotErrors() {
    String body =
        "{\"scope\": {\"contract\": \"One year\"}, \"instances\": [{},"
            + " {\"internet_service\": \"Carrier pigeon \\u2603\", \"tenure\": null}, "
            + goodRow
            + "]}";
    HttpResponse<String> response = scorer.post(PREDICT, body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(RunningScorer.json(response).get("predictions").size()).isEqualTo(3);
  }

  @Test
  void theScorerIsStillHealthyAfterTheAbuse() {
    badPredictions().forEach(a -> scorer.post(PREDICT, (String) a.get()[1]));
    badInferences().forEach(a -> scorer.post(INFER, (String) a.get()[1]));
    assertThat(scorer.get("/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> response =
        scorer.post(
            PREDICT, "{\"scope\": \"contract=One year\", \"instances\": [" + goodRow + "]}");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(scorer.get("/actuator/prometheus").body())
        .as("refusals are counted, under the model they named")
        .contains("scopeml_prediction_errors_total{api=\"predict\",model=\"churn\"")
        .contains("status=\"400\"");
  }

  @Test
  void aBodyNotDeclaredJsonAnswers415OnBothApis() {
    String body = row("\"scope\": {\"contract\": \"One year\"}", "\"tenure\": 3");
    for (String path : List.of(PREDICT, INFER)) {
      for (String type :
          java.util.Arrays.asList(
              null, "text/plain", "application/x-www-form-urlencoded", "json")) {
        var request =
            HttpRequest.newBuilder(scorer.uri(path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) {
          request.header("Content-Type", type);
        }
        HttpResponse<String> response = scorer.send(request);
        assertRefused(response, 415, "Content-Type");
        assertThat(RunningScorer.json(response).path("error").asString())
            .as("%s %s", path, type)
            .contains("application/json");
      }
    }
    var charset =
        HttpRequest.newBuilder(scorer.uri(PREDICT))
            .header("Content-Type", "application/json; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    assertThat(scorer.send(charset).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJsonIsExplainedWithoutParserInternals() {
    String scope = "\"scope\": {\"contract\": \"One year\"}";
    for (String body :
        List.of(
            row(scope, "\"tenure\": NaN"),
            row(scope, "\"tenure\": -Infinity"),
            row(scope, "\"tenure\": 007"),
            row(scope, "\"tenure\": " + "9".repeat(150)),
            "[".repeat(100) + "]".repeat(100),
            "{\"instances\": [{\"tenure\": 3,}]}",
            "{\"instances\": [{\"" + "k".repeat(2000) + "\": 1}]}",
            "{\"instances\": [{\"tenure\": \"" + "x".repeat(20_000) + "\"}]}")) {
      HttpResponse<String> response = scorer.post(PREDICT, body);
      assertRefused(response, 400, null);
      String error = RunningScorer.json(response).path("error").asString();
      assertThat(error)
          .as("for %s", body.length() > 60 ? body.substring(0, 60) + "…" : body)
          .doesNotContain("JsonReadFeature", "StreamReadConstraints", "Jackson", "`", "(code ");
    }
  }

  private static void assertRefused(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).contains("json"));
    JsonNode error = RunningScorer.json(response);
    assertThat(error.path("error").isString()).as(response.body()).isTrue();
    assertThat(error.path("error").asString()).isNotBlank();
    if (field != null) {
      assertThat(error.path("field").asString()).as(response.body()).isEqualTo(field);
    }
  }

  private static Arguments bad(String name, String body, int status, String field) {
    return Arguments.of(name, body, status, field);
  }

  private static String row(String scope, String fields) {
    return "{" + scope + ", \"instances\": [{" + fields + "}]}";
  }

  private static String infer(String scope, String input) {
    return "{" + scope + ", \"inputs\": [{" + input + "}]}";
  }

  private static String tenure() {
    return "{\"name\": \"tenure\", \"shape\": [1], \"datatype\": \"FP64\", \"data\": [3]}";
  }
}

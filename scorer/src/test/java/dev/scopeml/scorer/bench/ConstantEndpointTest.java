package dev.scopeml.scorer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.scorer.RunningScorer;
import dev.scopeml.scorer.ScorerTest;
import dev.scopeml.testsupport.models.TelcoModel;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The HTTP figure divides predict's throughput by the constant endpoint's: the two must receive and
 * answer alike, so that the ratio measures the prediction and nothing else.
 */
class ConstantEndpointTest extends ScorerTest {

  @Test
  void theConstantEndpointAnswersAsPredictDoes() {
    TelcoModel trained = TelcoModel.train("One year", 5, 4, 7);
    store().registerFamily(trained.family());
    storeAndPromote(trained.toVersion());
    RunningScorer scorer = startReadyScorer(Map.of("scopeml.scorer.benchmark-endpoint", "true"));
    var row = new HashMap<>(trained.holdout().get(0));
    String body =
        RunningScorer.toJson(
            Map.of("scope", Map.of("contract", "One year"), "instances", java.util.List.of(row)));

    HttpResponse<String> predict = scorer.post("/v1/models/churn/predict", body);
    HttpResponse<String> constant = scorer.post("/bench/constant", body);

    assertThat(predict.statusCode()).as(predict.body()).isEqualTo(200);
    assertThat(constant.statusCode()).isEqualTo(200);
    assertThat(headerNames(constant))
        .as("the constant answer's headers are predict's, but for the model version")
        .isEqualTo(withoutModelVersion(headerNames(predict)));
    assertThat(constant.headers().firstValue("content-type"))
        .isEqualTo(predict.headers().firstValue("content-type"));
    assertThat(constant.headers().firstValue("content-length")).isPresent();
  }

  private static Set<String> headerNames(HttpResponse<?> response) {
    var names = new TreeSet<String>();
    response.headers().map().keySet().forEach(name -> names.add(name.toLowerCase()));
    names.remove("date");
    return names;
  }

  private static Set<String> withoutModelVersion(Set<String> names) {
    var copy = new TreeSet<>(names);
    copy.remove("x-model-version");
    return copy;
  }
}

package dev.scopeml.reliability.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.reliability.SharedStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * A version of every algorithm, trained by the trainer jar, is answered by the scorer jar. The
 * scorer ships only the serving side (no xgboost4j, no Tribuo trainers, Smile without its data
 * readers), so this is where a class that serving still needs but the build left out would show.
 */
class ServedAlgorithmsTest extends ReliabilityTest {

  @ParameterizedTest
  @CsvSource({
    "xgboost, trees=20",
    "smile-gbm, trees=20",
    "smile-rf, trees=20",
    "smile-logit, maxIterations=100"
  })
  void theScorerJarServesEachAlgorithm(String algorithm, String param) {
    SharedStack stack = sharedStack();
    String model = "served-" + algorithm;
    String[] kv = param.split("=");
    Http.Reply submitted =
        admin(
            stack.trainer(),
            "POST",
            "/v1/runs",
            Map.of(
                "model",
                model,
                "source",
                Map.of("csv", "telco_churn.csv"),
                "label",
                "churn",
                "algorithm",
                algorithm,
                "params",
                Map.of(kv[0], Integer.parseInt(kv[1])),
                "promote",
                Map.of("policy", "always")));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    JsonNode run =
        awaitRun(stack.trainer(), submitted.json().path("run").asString(), Duration.ofMinutes(3));
    assertThat(run.path("status").asString()).as("%s", run).isEqualTo("succeeded");

    String body =
        Http.JSON.writeValueAsString(
            Map.of(
                "instances",
                List.of(
                    Map.of("tenure", 3, "contract", "Month-to-month", "monthly_charges", 70.5),
                    Map.of("tenure", 60, "contract", "Two year", "monthly_charges", 20.0))));
    var answer = new Http.Reply[1];
    Eventually.until(
        Duration.ofSeconds(30),
        Duration.ofMillis(200),
        () -> {
          answer[0] = Http.postJson(stack.scorer().uri("/v1/models/" + model + "/predict"), body);
          return answer[0].status() != 404 && answer[0].status() != 503;
        },
        () -> "the scorer to serve " + model);
    assertThat(answer[0].status()).as(answer[0].body()).isEqualTo(200);
    for (JsonNode prediction : answer[0].json().path("predictions")) {
      assertThat(prediction.path("version").asInt()).isEqualTo(1);
      double sum = 0;
      for (JsonNode p : prediction.path("probabilities")) {
        sum += p.asDouble();
      }
      assertThat(sum).as("%s", prediction).isCloseTo(1.0, within(1e-6));
    }
  }
}

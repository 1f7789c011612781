package dev.scopeml.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.trainer.TrainerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MLC churn by state: 51 small scopes, each trained or skipped with a reason. */
class MlcChurnRunTest extends TrainerTest {

  @Override
  protected Map<String, Object> trainerProperties() {
    return Map.of("scopeml.trainer.workers", 2);
  }

  @Test
  void trainsEveryStateOrSkipsItWithAReason() {
    String run =
        submit(
            Map.of(
                "model",
                "mlc-churn",
                "source",
                Map.of("csv", "mlc_churn.csv"),
                "label",
                "churn",
                "scopeBy",
                List.of("state"),
                "algorithm",
                "xgboost",
                "params",
                Map.of("trees", 30, "maxDepth", 3),
                "minRows",
                60));
    JsonNode view = awaitRun(run, Duration.ofMinutes(4));

    assertThat(view.get("status").asString()).isEqualTo("succeeded");
    assertThat(view.get("total").asInt()).isEqualTo(51);
    assertThat(view.get("done").asInt()).isEqualTo(51);
    assertThat(view.get("failed").asInt()).isZero();
    var states = new TreeSet<String>();
    int succeeded = 0;
    int skipped = 0;
    int rows = 0;
    for (JsonNode scope : view.get("scopes")) {
      states.add(scope.get("scope").asString());
      rows += scope.get("rows").asInt();
      switch (scope.get("status").asString()) {
        case "succeeded" -> {
          succeeded++;
          assertThat(scope.get("version").asInt()).isEqualTo(1);
          assertThat(scope.get("rows").asInt()).isGreaterThanOrEqualTo(60);
          assertThat(scope.get("metrics").has("accuracy")).isTrue();
          assertThat(scope.get("timings").propertyNames())
              .contains("load", "split", "encode", "fit", "evaluate", "envelope", "store");
        }
        case "skipped" -> {
          skipped++;
          assertThat(scope.get("reason").asString())
              .as("a skipped scope says why: %s", scope)
              .matches(".*(below minRows 60|single label class).*");
          assertThat(scope.has("version")).isFalse();
        }
        default -> throw new AssertionError("unexpected scope status " + scope);
      }
    }
    assertThat(states).hasSize(51).contains("state=CA", "state=TX", "state=NY");
    assertThat(rows).as("the states partition the 5,000 rows").isEqualTo(5000);
    assertThat(succeeded + skipped).isEqualTo(51);
    assertThat(skipped).as("some states have fewer than 60 rows").isPositive();
    assertThat(view.get("skipped").asInt()).isEqualTo(skipped);

    String prometheus = trainer().call("GET", "/actuator/prometheus", null, null).body();
    assertThat(prometheus)
        .contains("scopeml_fit_seconds_count{algorithm=\"xgboost\"")
        .contains("scopeml_tasks_total{")
        .contains("scopeml_runs_submitted_total{");
  }
}

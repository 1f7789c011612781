package dev.scopeml.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.reference.ReferenceCheck;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.TrainerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Telco churn scoped by contract with xgboost: the headline run, then the same run again to
 * show seeded reproducibility and the if-better policy, then promotion and rollback through the
 * admin API. The methods build on each other, in order.
 *
 * <p>AUC thresholds: the global model reaches 0.84 on its holdout. Inside one contract type the
 * signal is much weaker (the contract itself is the strongest predictor), and a logistic regression
 * on the same split scores about 0.72, 0.68 and 0.77 for month-to-month, one-year and two-year; the
 * scoped xgboost models land near 0.74, 0.65 and 0.76. So the scoped models are held to 0.6 (well
 * clear of chance) and the global model to 0.75.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TelcoChurnRunTest extends TrainerTest {

  private static final List<String> CONTRACTS = List.of("Month-to-month", "One year", "Two year");
  private static final Map<String, Object> RUN =
      Map.of(
          "model",
          "churn",
          "source",
          Map.of("csv", "telco_churn.csv"),
          "label",
          "churn",
          "scopeBy",
          List.of("contract"),
          "algorithm",
          "xgboost",
          "params",
          Map.of("trees", 300, "maxDepth", 2, "eta", 0.05),
          "holdout",
          0.2,
          "seed",
          42,
          "global",
          true,
          "promote",
          Map.of("policy", "if-better", "metric", "auc"));

  private JsonNode first;

  @Test
  @Order(1)
  void trainsThreeScopedModelsAndAGlobalOne() {
    first = awaitRun(submit(RUN), Duration.ofMinutes(3));

    assertThat(first.get("status").asString()).isEqualTo("succeeded");
    assertThat(first.get("total").asInt()).isEqualTo(4);
    assertThat(first.get("done").asInt()).isEqualTo(4);
    Map<String, JsonNode> scopes = scopesOf(first);
    assertThat(scopes)
        .containsOnlyKeys("contract=Month-to-month", "contract=One year", "contract=Two year", "*");
    scopes.forEach(
        (scope, view) -> {
          assertThat(view.get("status").asString()).as(scope).isEqualTo("succeeded");
          assertThat(view.get("version").asInt()).as(scope).isEqualTo(1);
          assertThat(view.get("promoted").asBoolean()).as(scope).isTrue();
          assertThat(view.get("metrics").get("auc").asDouble())
              .as("holdout AUC of %s", scope)
              .isGreaterThanOrEqualTo(scope.equals("*") ? 0.75 : 0.6);
          assertThat(view.get("metrics").has("accuracy")).isTrue();
          assertThat(view.get("metrics").has("logLoss")).isTrue();
          assertThat(view.get("timings").has("fit")).as(scope).isTrue();
        });
    assertThat(scopes.get("*").get("rows").asInt()).isEqualTo(7043);
    int scopedRows =
        CONTRACTS.stream().mapToInt(c -> scopes.get("contract=" + c).get("rows").asInt()).sum();
    assertThat(scopedRows).as("the scopes partition the rows").isEqualTo(7043);
  }

  @Test
  @Order(2)
  void storesEachVersionWithItsSchemaMetricsAndAReferenceSampleThatReplays() {
    var store = new JdbcModelStore(dataSource());
    for (String contract : CONTRACTS) {
      ScopeKey scope = ScopeKey.of("contract", contract);
      ModelVersion version = store.activeVersion("churn", scope).orElseThrow();
      assertThat(version.algorithm()).isEqualTo("xgboost");
      assertThat(version.hyperparameters()).containsEntry("trees", 300);
      assertThat(version.schema().classes()).containsExactly("No", "Yes");
      assertThat(version.schema().featureNames())
          .as("scope columns are not features by default")
          .doesNotContain("contract", "churn")
          .contains("tenure", "monthly_charges", "payment_method");
      assertThat(version.provenance().runId().toString()).isEqualTo(first.get("run").asString());
      assertThat(version.reference().rows()).hasSize(20);

      var artifact = store.artifact("churn", scope, version.version()).orElseThrow();
      var predictor =
          ModelFormats.installed()
              .predictor(
                  ArtifactEnvelope.open(artifact.bytes(), version.sha256()), version.schema());
      ReferenceCheck.verify(
          predictor,
          version.schema().encoder(),
          version.reference(),
          ReferenceCheck.DEFAULT_TOLERANCE);
    }
    var family = store.family("churn").orElseThrow();
    assertThat(family.scopeColumns()).containsExactly("contract");
    assertThat(family.label()).isEqualTo("churn");
  }

  @Test
  @Order(3)
  void theSameSeedReproducesTheMetricsAndIfBetterKeepsTheActiveVersion() {
    JsonNode second = awaitRun(submit(RUN), Duration.ofMinutes(3));

    assertThat(second.get("status").asString()).isEqualTo("succeeded");
    Map<String, JsonNode> before = scopesOf(first);
    scopesOf(second)
        .forEach(
            (scope, view) -> {
              assertThat(view.get("version").asInt()).as(scope).isEqualTo(2);
              assertThat(view.get("metrics"))
                  .as("same data, params and seed give the same model in %s", scope)
                  .isEqualTo(before.get(scope).get("metrics"));
              assertThat(view.get("promoted").asBoolean())
                  .as("an equal AUC is not better, so %s keeps version 1", scope)
                  .isFalse();
            });
    JsonNode versions = get("/v1/models/churn/versions?scope=contract%3DOne%20year").json();
    assertThat(versions.get("versions")).hasSize(2);
    assertThat(versions.get("versions").get(0).get("active").asBoolean()).isFalse();
    assertThat(versions.get("versions").get(1).get("active").asBoolean()).isTrue();
  }

  @Test
  @Order(4)
  void promotesAndRollsBackThroughTheAdminApi() {
    var promoted =
        post("/v1/models/churn/promote", Map.of("scope", "contract=One year", "version", 2));
    assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
    assertThat(promoted.json().get("fromVersion").asInt()).isEqualTo(1);
    assertThat(promoted.json().get("version").asInt()).isEqualTo(2);

    JsonNode model = get("/v1/models/churn").json();
    assertThat(model.get("scopes")).hasSize(4);
    model
        .get("scopes")
        .forEach(
            scope -> {
              int expected = scope.get("scope").asString().equals("contract=One year") ? 2 : 1;
              assertThat(scope.get("activeVersion").asInt())
                  .as(scope.toString())
                  .isEqualTo(expected);
              assertThat(scope.get("latestVersion").asInt()).isEqualTo(2);
            });

    var rolledBack = post("/v1/models/churn/rollback", Map.of("scope", "contract=One year"));
    assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(200);
    assertThat(rolledBack.json().get("kind").asString()).isEqualTo("rollback");
    assertThat(rolledBack.json().get("version").asInt()).isEqualTo(1);

    JsonNode models = get("/v1/models").json();
    assertThat(models).hasSize(1);
    assertThat(models.get(0).get("activeScopes").asInt()).isEqualTo(4);
  }
}

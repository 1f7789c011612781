package dev.scopeml.testsupport.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.testsupport.postgres.PostgresTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class TelcoModelTest extends PostgresTest {

  private TelcoModel twoYear;

  @BeforeAll
  void train() {
    twoYear = TelcoModel.train("Two year", 5, 3, 7);
  }

  @Test
  void aFifthOfTheScopeIsHeldOutAndTheReferenceComesFromIt() {
    int rows = twoYear.training().size() + twoYear.holdout().size();
    assertThat(rows).as("labelled Two year customers").isEqualTo(1695);
    assertThat(twoYear.holdout().size()).isBetween(rows / 5 - 2, rows / 5 + 2);
    assertThat(twoYear.holdout()).allMatch(row -> "Two year".equals(row.get("contract")));
    assertThat(twoYear.reference().rows()).hasSize(20);
    var encoder = twoYear.schema().encoder();
    for (int i = 0; i < 20; i++) {
      // The holdout row is text as read from the file; the reference holds numeric features as
      // numbers: the same row encodes the same.
      Map<String, Object> reference = twoYear.reference().rows().get(i);
      assertThat(twoYear.holdout().get(i))
          .as("reference row %d has holdout row %d's columns", i, i)
          .containsKeys(reference.keySet().toArray(String[]::new));
      assertThat(encoder.encode(reference))
          .as("reference row %d is holdout row %d", i, i)
          .containsExactly(encoder.encode(twoYear.holdout().get(i)));
    }
    assertThat(twoYear.params()).containsEntry("trees", 5).containsEntry("maxDepth", 3);
  }

  @Test
  void theScopeColumnIsNoFeatureAndTheTrainerSideAnswerIsAProbability() {
    assertThat(twoYear.schema().features()).noneMatch(f -> f.name().equals("contract"));
    double[] expected = twoYear.expected(twoYear.holdout().getFirst());
    assertThat(expected[0] + expected[1]).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void theBodyNamesTheScopeOnceAndSendsRowsWithoutLabelOrScope() {
    JsonNode body = JsonMapper.builder().build().readTree(twoYear.body(3));
    assertThat(body.path("scope").path("contract").asString()).isEqualTo("Two year");
    assertThat(body.path("instances")).hasSize(3);
    assertThat(body.path("instances").path(0).has("churn")).isFalse();
    assertThat(body.path("instances").path(0).has("contract")).isFalse();
  }

  @Test
  void storingRegistersTheFamilyOnceAndPromotingMakesTheVersionActive() {
    ModelStore store = new JdbcModelStore(dataSource());
    int first = twoYear.store(store);
    int second = twoYear.storeAndPromote(store);

    assertThat(second).isEqualTo(first + 1);
    assertThat(store.activeVersion(TelcoModel.MODEL, twoYear.scope()).orElseThrow().version())
        .isEqualTo(second);
    twoYear.promote(store, first);
    assertThat(store.activeVersion(TelcoModel.MODEL, twoYear.scope()).orElseThrow().version())
        .isEqualTo(first);
  }
}

package dev.scopeml.learning.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingSetTest {

  private final FeatureSchema schema =
      new FeatureSchema(
          List.of(Feature.numeric("age", 40), Feature.categorical("plan", List.of("a", "b"))),
          "churn",
          List.of("no", "yes"),
          MissingValues.NATIVE,
          null);

  @Test
  void encodesRowsAndLabels() {
    TrainingSet set =
        TrainingSet.encode(
            schema,
            List.of(
                Map.of("age", "31", "plan", "b", "churn", "yes"),
                Map.of("plan", "a", "churn", "no")));
    assertThat(set.labels()).containsExactly(1, 0);
    assertThat(set.rows()[0]).containsExactly(31.0, 0.0, 1.0);
    assertThat(set.rows()[1][0]).isNaN();
    assertThat(set.subset(new int[] {1}).labels()).containsExactly(0);
  }

  @Test
  void refusesMissingAndUnknownLabelsNamingTheRow() {
    assertThatThrownBy(
            () ->
                TrainingSet.encode(
                    schema,
                    List.of(Map.of("age", 1, "churn", "no"), Map.of("age", 2, "churn", "NA"))))
        .hasMessageContaining("row 1")
        .hasMessageContaining("missing");
    assertThatThrownBy(() -> TrainingSet.encode(schema, List.of(Map.of("churn", "maybe"))))
        .hasMessageContaining("row 0")
        .hasMessageContaining("maybe");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> new TrainingSet(schema, new double[][] {{1, 0}}, new int[] {0}))
        .hasMessageContaining("row 0");
  }
}

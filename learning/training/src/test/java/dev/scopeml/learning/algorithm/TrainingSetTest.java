package dev.scopeml.learning.algorithm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.List;
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
  void subsetsKeepRowsAndLabelsTogether() {
    TrainingSet set =
        new TrainingSet(
            schema, new double[][] {{31.0, 0.0, 1.0}, {Double.NaN, 1.0, 0.0}}, new int[] {1, 0});
    TrainingSet second = set.subset(new int[] {1});
    assertThat(second.labels()).containsExactly(0);
    assertThat(second.rows()[0][0]).isNaN();
    assertThat(set.distinctLabels()).isEqualTo(2);
  }

  @Test
  void refusesLabelsOutsideTheClasses() {
    assertThatThrownBy(() -> new TrainingSet(schema, new double[][] {{1, 0, 1}}, new int[] {2}))
        .hasMessageContaining("row 0")
        .hasMessageContaining("label index 2");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> new TrainingSet(schema, new double[][] {{1, 0}}, new int[] {0}))
        .hasMessageContaining("row 0");
  }
}

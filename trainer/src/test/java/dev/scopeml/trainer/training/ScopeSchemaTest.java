package dev.scopeml.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.learning.data.CsvTable;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeSchemaTest {

  private static final CsvTable TABLE =
      new CsvTable(
          List.of("label", "age", "city", "note"),
          List.of(
              Arrays.asList("yes", "30", "Oslo", null),
              Arrays.asList("no", "10", "Rome", null),
              Arrays.asList("no", null, "Oslo", null),
              Arrays.asList("yes", "20", "Lima", "x")));

  @Test
  void levelsAndFillValuesComeFromTheGivenRowsOnly() {
    var built =
        ScopeSchema.build(
            TABLE,
            new int[] {0, 1, 2},
            List.of("age", "city", "note"),
            Map.of(
                "age", FeatureKind.NUMERIC,
                "city", FeatureKind.CATEGORICAL,
                "note", FeatureKind.CATEGORICAL),
            "label",
            List.of("no", "yes"),
            MissingValues.IMPUTE);

    var features = built.schema().features();
    assertThat(built.schema().featureNames()).containsExactly("age", "city");
    assertThat(features.get(0).fill()).as("median of 30 and 10").isEqualTo(20.0);
    assertThat(features.get(1).levels())
        .as("Lima is only in row 3")
        .containsExactly("Oslo", "Rome");
    assertThat(built.dropped()).as("note has no value in rows 0-2").containsExactly("note");
    assertThat(built.schema().missing()).isEqualTo(MissingValues.IMPUTE);
  }

  @Test
  void aCategoricalKindOverridesNumericLookingValues() {
    var built =
        ScopeSchema.build(
            TABLE,
            new int[] {0, 1, 3},
            List.of("age"),
            Map.of("age", FeatureKind.CATEGORICAL),
            "label",
            List.of("no", "yes"),
            MissingValues.NATIVE);

    assertThat(built.schema().features().getFirst().levels()).containsExactly("10", "20", "30");
  }
}

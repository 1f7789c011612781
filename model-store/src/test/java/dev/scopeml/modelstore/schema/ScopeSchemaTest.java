package dev.scopeml.modelstore.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScopeSchemaTest {

  private static final Map<String, ColumnValues> COLUMNS =
      Map.of(
          "age", new ColumnValues.Text(new String[] {"30", "10", null, "20"}),
          "city", new ColumnValues.Text(new String[] {"Oslo", "Rome", "Oslo", "Lima"}),
          "note", new ColumnValues.Text(new String[] {null, null, null, "x"}));

  @Test
  void levelsAndFillValuesComeFromTheGivenRowsOnly() {
    var built =
        ScopeSchema.build(
            List.of("age", "city", "note"),
            Map.of(
                "age", FeatureKind.NUMERIC,
                "city", FeatureKind.CATEGORICAL,
                "note", FeatureKind.CATEGORICAL),
            COLUMNS,
            new int[] {0, 1, 2},
            "label",
            List.of("no", "yes"),
            MissingValues.IMPUTE,
            ScopeSchema.DEFAULT_MAX_LEVELS);

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
            List.of("age"),
            Map.of("age", FeatureKind.CATEGORICAL),
            COLUMNS,
            new int[] {0, 1, 3},
            "label",
            List.of("no", "yes"),
            MissingValues.NATIVE,
            ScopeSchema.DEFAULT_MAX_LEVELS);

    assertThat(built.schema().features().getFirst().levels()).containsExactly("10", "20", "30");
  }

  @Test
  void aNumericFeatureHeldAsNumbersGetsTheSameFillValue() {
    var numbers =
        Map.<String, ColumnValues>of(
            "age", new ColumnValues.Numbers(new double[] {30, 10, Double.NaN, 20}));
    var built =
        ScopeSchema.build(
            List.of("age"),
            Map.of("age", FeatureKind.NUMERIC),
            numbers,
            new int[] {0, 1, 2},
            "label",
            List.of("no", "yes"),
            MissingValues.IMPUTE,
            ScopeSchema.DEFAULT_MAX_LEVELS);
    assertThat(built.schema().features().getFirst().fill()).isEqualTo(20.0);
  }

  @Test
  void aCategoricalFeatureKeepsItsMostFrequentLevelsAndSharesOneSlotForTheRest() {
    String[] cities = {"Oslo", "Rome", "Oslo", "Lima", "Rome", "Oslo", "Kyiv", "Baku"};
    var columns = Map.<String, ColumnValues>of("city", new ColumnValues.Text(cities));
    var built =
        ScopeSchema.build(
            List.of("city"),
            Map.of("city", FeatureKind.CATEGORICAL),
            columns,
            new int[] {0, 1, 2, 3, 4, 5, 6, 7},
            "label",
            List.of("no", "yes"),
            MissingValues.NATIVE,
            3);

    Feature city = built.schema().features().getFirst();
    assertThat(city.levels())
        .as("Oslo (3) and Rome (2), then Baku first of the single ones in text order")
        .containsExactly("Baku", "Oslo", "Rome");
    assertThat(city.other()).isTrue();
    assertThat(built.capped()).containsEntry("city", 5);
    assertThat(built.schema().encodedNames())
        .containsExactly("city=Baku", "city=Oslo", "city=Rome", "city=(other)");
    var encoder = built.schema().encoder();
    assertThat(encoder.encode(Map.of("city", "Lima"))).containsExactly(0, 0, 0, 1);
    assertThat(encoder.encode(Map.of("city", "Paris")))
        .as("a city never seen in training goes to the same slot")
        .containsExactly(0, 0, 0, 1);
    assertThat(encoder.encode(Map.of("city", "Rome"))).containsExactly(0, 0, 1, 0);
    assertThat(encoder.encode(Map.of())[3]).as("missing stays missing").isNaN();
  }
}

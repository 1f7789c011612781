package dev.scopeml.modelstore.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowEncoderTest {

  private static FeatureSchema schema(MissingValues missing, UnknownCategories unknown) {
    return new FeatureSchema(
        List.of(
            Feature.numeric("tenure", 29.0),
            Feature.categorical("contract", List.of("Month-to-month", "One year", "Two year")),
            Feature.categorical("senior", List.of("0", "1"))),
        "churn",
        List.of("No", "Yes"),
        missing,
        unknown);
  }

  @Test
  void encodesNumbersAndOneHotCategories() {
    RowEncoder encoder = schema(MissingValues.NATIVE, UnknownCategories.AS_MISSING).encoder();
    assertThat(encoder.width()).isEqualTo(6);
    assertThat(encoder.schema().encodedNames())
        .containsExactly(
            "tenure",
            "contract=Month-to-month",
            "contract=One year",
            "contract=Two year",
            "senior=0",
            "senior=1");
    assertThat(encoder.encode(Map.of("tenure", 12, "contract", "One year", "senior", 1)))
        .containsExactly(12, 0, 1, 0, 0, 1);
    assertThat(encoder.encode(Map.of("tenure", " 1.5e1 ", "contract", "Two year", "senior", "0")))
        .containsExactly(15, 0, 0, 1, 1, 0);
  }

  @Test
  void nativeMissingValuesBecomeNaN() {
    RowEncoder encoder = schema(MissingValues.NATIVE, UnknownCategories.AS_MISSING).encoder();
    var row = new HashMap<String, Object>();
    row.put("tenure", null);
    row.put("contract", "NA");
    double[] encoded = encoder.encode(row);
    assertThat(java.util.Arrays.stream(encoded).allMatch(Double::isNaN))
        .as("all slots NaN")
        .isTrue();
    assertThat(encoder.encode(Map.of("tenure", "", "contract", "Three year", "senior", "1")))
        .as("an unknown category is missing, the other columns are kept")
        .satisfies(e -> assertThat(e[1]).isNaN())
        .satisfies(e -> assertThat(e[5]).isEqualTo(1.0));
  }

  @Test
  void imputedMissingValuesUseTheFillAndZeroSlots() {
    RowEncoder encoder = schema(MissingValues.IMPUTE, UnknownCategories.AS_MISSING).encoder();
    assertThat(encoder.encode(Map.of("contract", "Three year")))
        .containsExactly(29.0, 0, 0, 0, 0, 0);
  }

  @Test
  void unknownCategoriesCanBeRefused() {
    RowEncoder encoder = schema(MissingValues.NATIVE, UnknownCategories.REJECT).encoder();
    assertThatThrownBy(() -> encoder.encode(Map.of("contract", "Three year")))
        .isInstanceOfSatisfying(
            RowEncodingException.class, e -> assertThat(e.field()).isEqualTo("contract"))
        .hasMessageContaining("Three year");
  }

  @Test
  void refusesValuesOfTheWrongKind() {
    RowEncoder encoder = schema(MissingValues.NATIVE, UnknownCategories.AS_MISSING).encoder();
    for (Object bad :
        List.of(
            "twelve",
            "NaN",
            "Infinity",
            Double.NaN,
            Double.POSITIVE_INFINITY,
            true,
            List.of(1),
            Map.of("a", 1),
            "0x10",
            "1d")) {
      assertThatThrownBy(() -> encoder.encode(Map.of("tenure", bad)))
          .as("tenure = %s", bad)
          .isInstanceOfSatisfying(
              RowEncodingException.class, e -> assertThat(e.field()).isEqualTo("tenure"));
    }
    assertThatThrownBy(() -> encoder.encode(Map.of("contract", List.of("One year"))))
        .isInstanceOf(RowEncodingException.class)
        .hasMessageContaining("contract");
  }

  @Test
  void matchesNumericCategoriesByTheirDecimalText() {
    RowEncoder encoder = schema(MissingValues.NATIVE, UnknownCategories.REJECT).encoder();
    for (Object one : List.of(1, 1L, 1.0, "1", new java.math.BigDecimal("1.00"))) {
      assertThat(encoder.encode(Map.of("senior", one))[5]).as("senior = %s", one).isEqualTo(1.0);
    }
  }

  @Test
  void schemaRefusesContradictions() {
    assertThatThrownBy(
            () ->
                new FeatureSchema(
                    List.of(Feature.numeric("churn", 0)),
                    "churn",
                    List.of("No", "Yes"),
                    null,
                    null))
        .hasMessageContaining("label");
    assertThatThrownBy(
            () ->
                new FeatureSchema(List.of(Feature.numeric("x", 0)), "y", List.of("a"), null, null))
        .hasMessageContaining("two classes");
    assertThatThrownBy(() -> Feature.categorical("c", List.of("a", "a")))
        .hasMessageContaining("repeats");
  }
}

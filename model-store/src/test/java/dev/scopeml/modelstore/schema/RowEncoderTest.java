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
  void encodesStraightFromColumnsAsFromRowMaps() {
    for (MissingValues missing : MissingValues.values()) {
      RowEncoder encoder = schema(missing, UnknownCategories.AS_MISSING).encoder();
      var tenure = new ColumnValues.Numbers(new double[] {12, Double.NaN, 3.5});
      var tenureText = new ColumnValues.Text(new String[] {"12", null, " 3.5"});
      var contract = new ColumnValues.Text(new String[] {"One year", "Two year", "Weekly"});
      var senior = new ColumnValues.Text(new String[] {"1", null, "0"});
      int[] rows = {2, 0, 1};

      double[][] fromNumbers = encoder.encode(List.of(tenure, contract, senior), rows);
      double[][] fromText = encoder.encode(List.of(tenureText, contract, senior), rows);

      for (int r = 0; r < rows.length; r++) {
        var map = new HashMap<String, Object>();
        map.put("tenure", tenure.value(rows[r]));
        map.put("contract", contract.value(rows[r]));
        map.put("senior", senior.value(rows[r]));
        double[] expected = encoder.encode(map);
        assertThat(fromNumbers[r]).as("%s row %d", missing, rows[r]).containsExactly(expected);
        assertThat(fromText[r]).as("%s row %d as text", missing, rows[r]).containsExactly(expected);
      }
    }
  }

  @Test
  void aColumnThatIsNotNumericIsNamedWhenEncodedAsANumber() {
    RowEncoder encoder = schema(MissingValues.NATIVE, UnknownCategories.AS_MISSING).encoder();
    var tenure = new ColumnValues.Text(new String[] {"12", "twelve"});
    var contract = new ColumnValues.Text(new String[] {"One year", "One year"});
    var senior = new ColumnValues.Text(new String[] {"0", "0"});
    assertThatThrownBy(() -> encoder.encode(List.of(tenure, contract, senior), new int[] {0, 1}))
        .isInstanceOf(RowEncodingException.class)
        .hasMessageContaining("tenure")
        .hasMessageContaining("twelve");
  }

  @Test
  void textColumnsKnowWhetherTheyAreNumeric() {
    var numbers = new ColumnValues.Text(new String[] {"1", null, " -2.5e3", ".5"});
    var mixed = new ColumnValues.Text(new String[] {"1", "1e999", "x"});
    assertThat(numbers.inferredKind()).isEqualTo(FeatureKind.NUMERIC);
    assertThat(numbers.toNumbers().values()).containsExactly(1, Double.NaN, -2500, 0.5);
    assertThat(mixed.firstNonNumber()).as("an infinite value is not a number").isEqualTo(1);
    assertThat(mixed.inferredKind()).isEqualTo(FeatureKind.CATEGORICAL);
    assertThatThrownBy(mixed::toNumbers).hasMessageContaining("'1e999' (data row 2)");
  }

  @Test
  void aLevelSpelledNaIsThatLevelAndAnUnknownNaIsMissing() {
    var schema =
        new FeatureSchema(
            List.of(
                Feature.categorical("region", List.of("EU", "NA")),
                Feature.categorical("plan", List.of("a", "b"))),
            "churn",
            List.of("No", "Yes"),
            MissingValues.NATIVE,
            UnknownCategories.REJECT);
    double[] encoded = schema.encoder().encode(Map.of("region", "NA", "plan", "NA"));
    assertThat(encoded[0]).isZero();
    assertThat(encoded[1]).as("North America, a level seen in training").isEqualTo(1.0);
    assertThat(encoded[2]).as("NA is not a plan: missing, not refused").isNaN();
    assertThat(encoded[3]).isNaN();
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

package dev.scopeml.learning.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.schema.UnknownCategories;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaInferenceTest {

  @Test
  void infersTelcoColumns() {
    CsvTable telco = TestData.telco();
    FeatureSchema schema =
        SchemaInference.infer(
            telco,
            "churn",
            List.of("tenure", "contract", "total_charges"),
            MissingValues.IMPUTE,
            UnknownCategories.AS_MISSING);

    assertThat(schema.classes()).containsExactly("No", "Yes");
    assertThat(schema.features().get(0).kind()).isEqualTo(FeatureKind.NUMERIC);
    assertThat(schema.features().get(0).fill()).isEqualTo(29.0);
    assertThat(schema.features().get(1).levels())
        .containsExactly("Month-to-month", "One year", "Two year");
    assertThat(schema.features().get(2).fill()).isEqualTo(1397.475);
    assertThat(schema.missing()).isEqualTo(MissingValues.IMPUTE);
    assertThat(SchemaInference.allFeatures(telco, "churn")).hasSize(19).doesNotContain("churn");
  }

  @Test
  void sortsNumericLevelsNumericallyAndTakesEvenMedians() {
    CsvTable table =
        CsvReader.read(new StringReader("y,code,x\n10,a,1\n2,3,4\n10,10,NA\n2,2,6\n3,x,8\n"));
    FeatureSchema schema =
        SchemaInference.infer(
            table, "y", List.of("code", "x"), MissingValues.NATIVE, UnknownCategories.REJECT);

    assertThat(schema.classes()).containsExactly("2", "3", "10");
    Feature code = schema.features().get(0);
    assertThat(code.kind()).as("one value is not a number").isEqualTo(FeatureKind.CATEGORICAL);
    assertThat(code.levels()).containsExactly("10", "2", "3", "a", "x");
    assertThat(schema.features().get(1).fill()).isEqualTo(5.0);
  }

  @Test
  void unknownColumnsAreNamed() {
    assertThatThrownBy(
            () ->
                SchemaInference.infer(
                    TestData.mlcChurn(),
                    "churn",
                    List.of("state", "tenure"),
                    MissingValues.NATIVE,
                    UnknownCategories.AS_MISSING))
        .hasMessageContaining("'tenure'");
  }
}

package dev.scopeml.learning.fitting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ScopeFitterTest {

  private static final Algorithm XGBOOST = Algorithms.byName("xgboost");

  private static FitSpec spec(DataTable table, int minRows) {
    return FitSpec.inferred(
        table,
        "churn",
        List.of("contract"),
        XGBOOST,
        XGBOOST.validate(Map.of("trees", 10)),
        0.2,
        7,
        minRows,
        5);
  }

  @Test
  void infersKindsAndClassesAsTheDataSuggests() {
    FitSpec spec = spec(TestData.telco(), 50);
    assertThat(spec.classes()).containsExactly("No", "Yes");
    assertThat(spec.features()).doesNotContain("churn", "contract").contains("tenure");
    assertThat(spec.kinds())
        .containsEntry("tenure", FeatureKind.NUMERIC)
        .as("11 missing values do not make a column categorical")
        .containsEntry("total_charges", FeatureKind.NUMERIC)
        .containsEntry("payment_method", FeatureKind.CATEGORICAL);
  }

  @Test
  void fitsAScopeThroughEveryStage() {
    DataTable telco = TestData.telco();
    FitSpec spec = spec(telco, 50);
    DataTable data = telco.withNumbers(spec.numericFeatures());
    String[] contract = data.text("contract");
    int[] oneYear =
        IntStream.range(0, data.size()).filter(r -> contract[r].equals("One year")).toArray();

    ScopeModel model = new ScopeFitter(spec).fitScope(data, spec.labels(data), oneYear);

    assertThat(model.split().rows()).hasSize(1473);
    assertThat(model.split().trainRows().length + model.split().holdoutRows().length)
        .isEqualTo(1473);
    assertThat(model.schema().schema().classes()).containsExactly("No", "Yes");
    assertThat(model.evaluation().metrics()).containsKeys("auc", "accuracy", "logLoss");
    assertThat(model.evaluation().reference().rows()).hasSize(5);
    var version =
        model.version(
            "churn", ScopeKey.of("contract", "One year"), UUID.randomUUID(), "t", Instant.EPOCH);
    assertThat(version.provenance().trainingRows()).isEqualTo(model.split().trainRows().length);
    assertThat(version.artifact().format()).isEqualTo(model.fitted().format());
  }

  @Test
  void skipsScopesItCannotFitSayingWhy() {
    DataTable telco = TestData.telco();
    FitSpec spec = spec(telco, 50);
    var fitter = new ScopeFitter(spec);
    int[] labels = spec.labels(telco);
    assertThatThrownBy(() -> fitter.split(new int[] {0, 1, 2}, labels))
        .isInstanceOf(ScopeSkippedException.class)
        .hasMessage("3 rows, below minRows 50");
    int[] noes = IntStream.range(0, 200).filter(r -> labels[r] == 0).toArray();
    assertThatThrownBy(() -> fitter.split(noes, labels))
        .hasMessageContaining("a single label class 'No'");
    assertThatThrownBy(() -> fitter.split(new int[0], labels))
        .hasMessageContaining("no labelled rows");
  }

  @Test
  void labelsAreClassIndicesAndAnUnknownLabelIsNamed() {
    var table =
        DataTable.of(
            List.of("churn", "x"),
            List.of(
                new ColumnValues.Text(new String[] {"Yes", null, "No"}),
                new ColumnValues.Text(new String[] {"1", "2", "3"})));
    FitSpec spec = spec(table, 4);
    assertThat(spec.labels(table)).containsExactly(1, -1, 0);
    var other =
        DataTable.of(
            List.of("churn", "x"),
            List.of(
                new ColumnValues.Text(new String[] {"Maybe"}),
                new ColumnValues.Text(new String[] {"1"})));
    assertThatThrownBy(() -> spec.labels(other)).hasMessageContaining("'Maybe'");
  }
}

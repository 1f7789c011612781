package dev.scopeml.learning.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.schema.RowEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReferenceCheckTest {

  private static TestData.Prepared data;
  private static FittedModel fitted;
  private static RowEncoder encoder;

  @BeforeAll
  static void train() {
    data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 51);
    Algorithm xgboost = Algorithms.byName("xgboost");
    fitted = xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 30)), 2);
    encoder = data.schema().encoder();
  }

  @Test
  void modelLoadedFromItsArtifactPassesItsReference() {
    ReferenceSample sample =
        ReferenceCheck.build(data.holdoutRows(), fitted.predictor(), encoder, 25);
    var envelope = fitted.envelope();
    Predictor loaded =
        ModelFormats.installed()
            .predictor(ArtifactEnvelope.open(envelope.toBytes(), null), data.schema());

    assertThat(sample.rows()).hasSize(25);
    assertThat(sample.rows().get(0)).doesNotContainKey("churn");
    assertThatCode(
            () -> ReferenceCheck.verify(loaded, encoder, sample, ReferenceCheck.DEFAULT_TOLERANCE))
        .doesNotThrowAnyException();
  }

  @Test
  void driftedProbabilityIsReportedWithRowClassAndValues() {
    ReferenceSample sample =
        ReferenceCheck.build(data.holdoutRows(), fitted.predictor(), encoder, 10);
    var probabilities = new ArrayList<List<Double>>(sample.probabilities());
    List<Double> row7 = new ArrayList<>(probabilities.get(7));
    double expected = row7.get(1) + 1e-4;
    row7.set(1, expected);
    probabilities.set(7, row7);
    var tampered = new ReferenceSample(sample.rows(), probabilities);

    assertThatThrownBy(
            () ->
                ReferenceCheck.verify(
                    fitted.predictor(), encoder, tampered, ReferenceCheck.DEFAULT_TOLERANCE))
        .isInstanceOfSatisfying(
            ReferenceMismatchException.class,
            e -> {
              assertThat(e.row()).isEqualTo(7);
              assertThat(e.className()).isEqualTo("Yes");
              assertThat(e.expected()).isEqualTo(expected);
              assertThat(e.actual()).isEqualTo(sample.probabilities().get(7).get(1));
            })
        .hasMessageContaining("row 7")
        .hasMessageContaining("'Yes'");
  }

  @Test
  void anotherModelFailsTheReference() {
    Algorithm xgboost = Algorithms.byName("xgboost");
    Predictor other =
        xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 31)), 2).predictor();
    ReferenceSample sample =
        ReferenceCheck.build(data.holdoutRows(), fitted.predictor(), encoder, 10);

    assertThatThrownBy(() -> ReferenceCheck.verify(other, encoder, sample, 1e-6))
        .isInstanceOf(ReferenceMismatchException.class);
  }
}

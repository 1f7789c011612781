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

  @Test
  void theLibrarysReferenceRefusesAFastPredictorThatDriftsFromIt() {
    // What the trainer stores: the fitting library's own predictions for holdout rows.
    ReferenceSample fromXGBoost =
        ReferenceCheck.build(data.holdoutRows(), fitted.libraryPredictor(), encoder, 20);
    assertThatCode(
            () ->
                ReferenceCheck.verify(
                    fitted.predictor(), encoder, fromXGBoost, ReferenceCheck.DEFAULT_TOLERANCE))
        .as("the tree-ensemble predictor agrees with xgboost within 1e-6")
        .doesNotThrowAnyException();

    // A predictor with a bug (here: one leaf-sized error in the margin of every row) passes a
    // reference it computed itself, and is refused by the library's.
    Predictor broken = new ShiftedPredictor(fitted.predictor(), 1e-4);
    ReferenceSample fromItself = ReferenceCheck.build(data.holdoutRows(), broken, encoder, 20);
    assertThatCode(() -> ReferenceCheck.verify(broken, encoder, fromItself, 1e-6))
        .doesNotThrowAnyException();
    assertThatThrownBy(
            () ->
                ReferenceCheck.verify(
                    broken, encoder, fromXGBoost, ReferenceCheck.DEFAULT_TOLERANCE))
        .isInstanceOf(ReferenceMismatchException.class);
  }

  /** Moves probability from the first class to the second: a deliberately broken predictor. */
  private record ShiftedPredictor(Predictor inner, double shift) implements Predictor {

    @Override
    public int classCount() {
      return inner.classCount();
    }

    @Override
    public int width() {
      return inner.width();
    }

    @Override
    public void predict(double[] encodedRow, double[] probabilitiesOut) {
      inner.predict(encodedRow, probabilitiesOut);
      probabilitiesOut[0] -= shift;
      probabilitiesOut[1] += shift;
    }

    @Override
    public void predictBatch(double[] rowsFlat, int rowCount, double[] probabilitiesOut) {
      inner.predictBatch(rowsFlat, rowCount, probabilitiesOut);
      for (int r = 0; r < rowCount; r++) {
        probabilitiesOut[r * 2] -= shift;
        probabilitiesOut[r * 2 + 1] += shift;
      }
    }
  }
}

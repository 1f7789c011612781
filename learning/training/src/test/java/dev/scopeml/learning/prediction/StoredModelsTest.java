package dev.scopeml.learning.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.smile.SmileFormat;
import dev.scopeml.learning.trees.TreeEnsemblePredictor;
import dev.scopeml.learning.xgboost.XGBoostFormat;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tribuo.Model;
import org.tribuo.protos.core.ModelProto;
import smile.classification.Classifier;

/** What each algorithm stores is what the scorer reads back through the format registry. */
class StoredModelsTest {

  private final ModelFormats formats = ModelFormats.installed();

  @ParameterizedTest
  @CsvSource({
    "xgboost, trees=30",
    "smile-gbm, trees=30",
    "smile-rf, trees=20",
    "smile-logit, maxIterations=200"
  })
  void storedArtifactPredictsExactlyAsTheTrainedModel(String name, String param) {
    Algorithm algorithm = Algorithms.byName(name);
    var data = TestData.prepare(TestData.telco(), "churn", algorithm.missingValues(), 21);
    String[] kv = param.split("=");
    FittedModel fitted =
        algorithm.fit(data.train(), algorithm.validate(Map.of(kv[0], Integer.parseInt(kv[1]))), 4);

    ArtifactEnvelope envelope = fitted.envelope();
    assertThat(envelope.payload())
        .as("what fitting encoded is what the library encodes")
        .isEqualTo(encodedByTheLibrary(fitted));
    ArtifactEnvelope stored = ArtifactEnvelope.open(envelope.toBytes(), envelope.sha256());
    Predictor loaded = formats.predictor(stored, data.schema());

    double[] expected = new double[2];
    double[] actual = new double[2];
    for (double[] row : data.holdout().rows()) {
      fitted.predictor().predict(row, expected);
      loaded.predict(row, actual);
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static byte[] encodedByTheLibrary(FittedModel fitted) {
    return switch (fitted.model()) {
      case Model<?> tribuo -> tribuo.serialize().toByteArray();
      case Classifier<?> smile -> SmileFormat.encode(smile);
      default -> throw new AssertionError("unexpected model " + fitted.model());
    };
  }

  @ParameterizedTest
  @CsvSource({"xgboost", "smile-logit"})
  void flippedByteIsRejected(String name) {
    Algorithm algorithm = Algorithms.byName(name);
    var data = TestData.prepare(TestData.telco(), "churn", algorithm.missingValues(), 22);
    FittedModel fitted = algorithm.fit(data.train(), algorithm.validate(Map.of()), 4);
    byte[] bytes = fitted.envelope().toBytes();
    bytes[bytes.length - 20] ^= 0x01;

    assertThatThrownBy(() -> ArtifactEnvelope.open(bytes, null))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void xgboostModelsGetTheFastPredictor() {
    Algorithm xgboost = Algorithms.byName("xgboost");
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 61);
    ArtifactEnvelope stored =
        xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 5)), 1).envelope();

    Predictor predictor = formats.predictor(stored, data.schema());

    assertThat(predictor).isInstanceOf(TreeEnsemblePredictor.class);
    assertThat(predictor.classCount()).isEqualTo(2);
    assertThat(predictor.width()).isEqualTo(data.schema().width());

    var otherSchema =
        new FeatureSchema(
            List.of(Feature.numeric("something_else", 0)),
            "churn",
            List.of("No", "Yes"),
            MissingValues.NATIVE,
            null);
    assertThatThrownBy(() -> formats.predictor(stored, otherSchema))
        .hasMessageContaining("not in the schema");
  }

  @ParameterizedTest
  @ValueSource(strings = {"churn", "payment_method"})
  void storedXGBoostModelsPredictAsTheFittedModel(String label) {
    Algorithm xgboost = Algorithms.byName("xgboost");
    var data = TestData.prepare(TestData.telco(), label, MissingValues.NATIVE, 63);
    FittedModel fitted = xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 30)), 1);

    Predictor fromStored = formats.predictor(fitted.envelope(), data.schema());

    int classes = data.schema().classes().size();
    double[] expected = new double[classes];
    double[] actual = new double[classes];
    for (double[] row : data.holdout().rows()) {
      fitted.predictor().predict(row, expected);
      fromStored.predict(row, actual);
      assertThat(actual).containsExactly(expected);
    }
  }

  @Test
  void aStoredPayloadThatIsNoTribuoModelIsAnArtifactError() {
    var schema =
        new FeatureSchema(
            List.of(Feature.numeric("x", 0)), "y", List.of("a", "b"), MissingValues.NATIVE, null);
    var garbage = new ArtifactEnvelope(XGBoostFormat.ID, new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> formats.predictor(garbage, schema))
        .isInstanceOf(ArtifactException.class);
  }

  @Test
  void smileModelsPredictThroughSmile() {
    Algorithm logit = Algorithms.byName("smile-logit");
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.IMPUTE, 62);
    Object model = logit.fit(data.train(), logit.validate(Map.of()), 1).model();

    Predictor predictor = SmileFormat.predictor(model, data.schema());
    double[] out = new double[2];
    predictor.predict(data.holdout().rows()[0], out);

    assertThat(out[0] + out[1]).isCloseTo(1.0, within(1e-9));
  }

  @Test
  void refusesTribuoModelsOtherThanXGBoostAndObjectsOtherThanSmileModels() {
    var schema =
        new FeatureSchema(
            List.of(Feature.numeric("x", 0)), "y", List.of("a", "b"), MissingValues.NATIVE, null);
    byte[] linear =
        ModelProto.newBuilder()
            .setClassName("org.tribuo.classification.sgd.linear.LinearSGDModel")
            .build()
            .toByteArray();
    assertThatThrownBy(
            () -> formats.predictor(new ArtifactEnvelope(XGBoostFormat.ID, linear), schema))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LinearSGDModel");
    assertThatThrownBy(() -> SmileFormat.predictor("not a model", schema))
        .hasMessageContaining("not a model");
  }
}

package dev.scopeml.learning.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.LearningCodecs;
import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.trees.TreeEnsemblePredictor;
import dev.scopeml.modelstore.artifact.ArtifactCodecs;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.artifact.TribuoProtobufCodec;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PredictorFactoryTest {

  @Test
  void xgboostModelsGetTheFastPredictor() {
    Algorithm xgboost = Algorithms.byName("xgboost");
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 61);
    Object artifact = xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 5)), 1).artifact();

    Predictor predictor = PredictorFactory.create(artifact, data.schema());

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
    assertThatThrownBy(() -> PredictorFactory.create(artifact, otherSchema))
        .hasMessageContaining("not in the schema");
  }

  @ParameterizedTest
  @ValueSource(strings = {"churn", "payment_method"})
  void storedXGBoostModelsAreReadFromTheirProtobufFormAsTheDecodedModelPredicts(String label) {
    Algorithm xgboost = Algorithms.byName("xgboost");
    var data = TestData.prepare(TestData.telco(), label, MissingValues.NATIVE, 63);
    Object artifact =
        xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 30)), 1).artifact();
    ArtifactCodecs codecs = LearningCodecs.artifactCodecs();
    ArtifactEnvelope stored = codecs.wrap(TribuoProtobufCodec.FORMAT, artifact);

    Predictor fromStored = PredictorFactory.create(stored, codecs, data.schema());
    Predictor fromDecoded = PredictorFactory.create(codecs.decode(stored), data.schema());

    int classes = data.schema().classes().size();
    double[] expected = new double[classes];
    double[] actual = new double[classes];
    for (double[] row : data.holdout().rows()) {
      fromDecoded.predict(row, expected);
      fromStored.predict(row, actual);
      assertThat(actual).containsExactly(expected);
    }
  }

  @Test
  void aStoredPayloadThatIsNoTribuoModelIsAnArtifactError() {
    var schema =
        new FeatureSchema(
            List.of(Feature.numeric("x", 0)), "y", List.of("a", "b"), MissingValues.NATIVE, null);
    var garbage = new ArtifactEnvelope(TribuoProtobufCodec.FORMAT, new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(
            () -> PredictorFactory.create(garbage, LearningCodecs.artifactCodecs(), schema))
        .isInstanceOf(ArtifactException.class);
  }

  @Test
  void smileModelsPredictThroughSmile() {
    Algorithm logit = Algorithms.byName("smile-logit");
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.IMPUTE, 62);
    Object artifact = logit.fit(data.train(), logit.validate(Map.of()), 1).artifact();

    Predictor predictor = PredictorFactory.create(artifact, data.schema());
    double[] out = new double[2];
    predictor.predict(data.holdout().rows()[0], out);

    assertThat(out[0] + out[1]).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void refusesUnknownArtifacts() {
    var schema =
        new FeatureSchema(
            List.of(Feature.numeric("x", 0)), "y", List.of("a", "b"), MissingValues.NATIVE, null);
    assertThatThrownBy(() -> PredictorFactory.create("not a model", schema))
        .hasMessageContaining("java.lang.String");
  }
}

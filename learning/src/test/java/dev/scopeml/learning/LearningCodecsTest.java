package dev.scopeml.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.learning.prediction.PredictorFactory;
import dev.scopeml.modelstore.artifact.ArtifactCodecs;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearningCodecsTest {

  private final ArtifactCodecs codecs = LearningCodecs.artifactCodecs();

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

    ArtifactEnvelope envelope = fitted.envelope(codecs);
    assertThat(envelope.payload())
        .as("what fitting encoded is what the codec encodes")
        .isEqualTo(codecs.wrap(fitted.format(), fitted.artifact()).payload());
    ArtifactEnvelope stored = ArtifactEnvelope.open(envelope.toBytes(), envelope.sha256());
    List<Predictor> loaded =
        List.of(
            PredictorFactory.create(codecs.decode(stored), data.schema()),
            PredictorFactory.create(stored, codecs, data.schema()));

    double[] expected = new double[2];
    double[] actual = new double[2];
    for (double[] row : data.holdout().rows()) {
      fitted.predictor().predict(row, expected);
      for (Predictor predictor : loaded) {
        predictor.predict(row, actual);
        assertThat(actual).isEqualTo(expected);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"xgboost", "smile-logit"})
  void flippedByteIsRejected(String name) {
    Algorithm algorithm = Algorithms.byName(name);
    var data = TestData.prepare(TestData.telco(), "churn", algorithm.missingValues(), 22);
    FittedModel fitted = algorithm.fit(data.train(), algorithm.validate(Map.of()), 4);
    byte[] bytes = codecs.wrap(fitted.format(), fitted.artifact()).toBytes();
    bytes[bytes.length - 20] ^= 0x01;

    assertThatThrownBy(() -> codecs.open(bytes, null))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("checksum");
  }

  @org.junit.jupiter.api.Test
  void knowsBothFormats() {
    assertThat(codecs.formats()).containsExactly("tribuo-protobuf", "smile-java");
  }
}

package dev.scopeml.learning.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.schema.UnknownCategories;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelFormatsTest {

  private static final FeatureSchema SCHEMA =
      new FeatureSchema(
          List.of(Feature.numeric("x", 0)),
          "y",
          List.of("no", "yes"),
          MissingValues.NATIVE,
          UnknownCategories.AS_MISSING);

  @Test
  void findsEveryRegisteredFormat() {
    assertThat(ModelFormats.installed().ids())
        .as("registered in META-INF/services")
        .containsExactly("tribuo-protobuf", "smile-java");
  }

  @Test
  void refusesUnknownFormatsNamingTheKnownOnes() {
    var unknown = new ArtifactEnvelope("onnx", new byte[] {1, 2, 3});
    assertThatThrownBy(() -> ModelFormats.installed().predictor(unknown, SCHEMA))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("unknown artifact format 'onnx'")
        .hasMessageContaining("tribuo-protobuf");
  }

  @Test
  void everyFlippedByteOfAStoredEnvelopeIsRefused() {
    var envelope = new ArtifactEnvelope("smile-java", new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
    byte[] bytes = envelope.toBytes();
    for (int i = 0; i < bytes.length; i++) {
      byte[] tampered = bytes.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(
              () ->
                  ModelFormats.installed()
                      .predictor(ArtifactEnvelope.open(tampered, envelope.sha256()), SCHEMA))
          .as("byte %d flipped", i)
          .isInstanceOf(ArtifactException.class)
          .hasMessageNotContaining("not a smile-java artifact");
    }
  }

  @Test
  void refusesGarbagePayloadsAsArtifactErrors() {
    for (String format : ModelFormats.installed().ids()) {
      var garbage = new ArtifactEnvelope(format, new byte[] {1, 2, 3, 4, 5});
      assertThatThrownBy(() -> ModelFormats.installed().predictor(garbage, SCHEMA))
          .as(format)
          .isInstanceOf(ArtifactException.class);
    }
  }
}

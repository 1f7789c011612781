package dev.scopeml.modelstore.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactEnvelopeTest {

  private static final ArtifactCodecs CODECS =
      new ArtifactCodecs(
          List.of(
              new JavaSerializationCodec<>(
                  "java-list", ArrayList.class, List.of("java.util.ArrayList", "java.lang.*"))));

  @Test
  void roundTripsThroughBytes() {
    var model = new ArrayList<>(List.of("a", 1, 2.5));
    ArtifactEnvelope envelope = CODECS.wrap("java-list", model);
    byte[] bytes = envelope.toBytes();
    assertThat(CODECS.open(bytes, envelope.sha256())).isEqualTo(model);
    assertThat(envelope.sha256()).hasSize(64).isEqualTo(Sha256.hex(envelope.payload()));
  }

  @Test
  void rejectsEveryFlippedByte() {
    byte[] bytes = CODECS.wrap("java-list", new ArrayList<>(List.of("weights", 0.25))).toBytes();
    String sha = ArtifactEnvelope.open(bytes, null).sha256();
    for (int i = 0; i < bytes.length; i++) {
      byte[] tampered = bytes.clone();
      tampered[i] ^= 0x01;
      int position = i;
      assertThatThrownBy(() -> CODECS.open(tampered, sha))
          .as("byte %d flipped", position)
          .isInstanceOf(ArtifactException.class);
    }
  }

  @Test
  void rejectsDigestThatDisagreesWithTheStoredOne() {
    byte[] bytes = CODECS.wrap("java-list", new ArrayList<>(List.of(1))).toBytes();
    assertThatThrownBy(() -> CODECS.open(bytes, "0".repeat(64)))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void rejectsUnknownFormatsAndGarbage() {
    byte[] unknown = new ArtifactEnvelope("onnx", new byte[] {1, 2, 3}).toBytes();
    assertThatThrownBy(() -> CODECS.open(unknown, null))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("unknown artifact format 'onnx'");
    assertThatThrownBy(() -> CODECS.open("not an artifact".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(ArtifactException.class);
    assertThatThrownBy(() -> CODECS.open(new byte[3], null)).isInstanceOf(ArtifactException.class);
  }
}

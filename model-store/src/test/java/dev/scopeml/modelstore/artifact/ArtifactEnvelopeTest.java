package dev.scopeml.modelstore.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtifactEnvelopeTest {

  private static final JavaSerializationCodec<ArrayList> CODEC =
      new JavaSerializationCodec<>(
          "java-list",
          ArrayList.class,
          List.of("java.util.ArrayList", "java.lang.*"),
          JavaSerializationCodecTest.LIMITS);

  private static ArtifactEnvelope wrap(ArrayList<?> model) {
    return new ArtifactEnvelope("java-list", CODEC.encode(model));
  }

  @Test
  void roundTripsThroughBytes() {
    var model = new ArrayList<>(List.of("a", 1, 2.5));
    ArtifactEnvelope envelope = wrap(model);
    byte[] bytes = envelope.toBytes();
    ArtifactEnvelope opened = ArtifactEnvelope.open(bytes, envelope.sha256());
    assertThat(opened.format()).isEqualTo("java-list");
    assertThat(CODEC.decode(opened.payload())).isEqualTo(model);
    assertThat(envelope.sha256()).hasSize(64).isEqualTo(Sha256.hex(envelope.payload()));
  }

  @Test
  void everyFlippedByteIsRejectedOrChangesTheFormatId() {
    ArtifactEnvelope original = wrap(new ArrayList<>(List.of("weights", 0.25)));
    byte[] bytes = original.toBytes();
    String sha = original.sha256();
    for (int i = 0; i < bytes.length; i++) {
      byte[] tampered = bytes.clone();
      tampered[i] ^= 0x01;
      ArtifactEnvelope opened;
      try {
        opened = ArtifactEnvelope.open(tampered, sha);
      } catch (ArtifactException refused) {
        continue;
      }
      // The digest covers the payload; a flip in the format id names another format, which the
      // format registry and the version row's recorded format refuse.
      assertThat(opened.format()).as("byte %d flipped", i).isNotEqualTo(original.format());
      assertThat(opened.payload()).as("byte %d flipped", i).isEqualTo(original.payload());
    }
  }

  @Test
  void rejectsDigestThatDisagreesWithTheStoredOne() {
    byte[] bytes = wrap(new ArrayList<>(List.of(1))).toBytes();
    assertThatThrownBy(() -> ArtifactEnvelope.open(bytes, "0".repeat(64)))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(
            () -> ArtifactEnvelope.open("not an artifact".getBytes(StandardCharsets.UTF_8), null))
        .isInstanceOf(ArtifactException.class);
    assertThatThrownBy(() -> ArtifactEnvelope.open(new byte[3], null))
        .isInstanceOf(ArtifactException.class);
  }
}

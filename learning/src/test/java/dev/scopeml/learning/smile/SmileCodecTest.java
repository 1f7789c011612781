package dev.scopeml.learning.smile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.LearningCodecs;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmileCodecTest {

  /** A map subclass: the shape of classic deserialization gadgets. */
  static final class SneakyMap extends HashMap<String, Object> {
    private static final long serialVersionUID = 1L;
  }

  /** Any serializable class that is not a Smile model part. */
  record Payload(String command) implements Serializable {}

  @Test
  void refusesHashMapSubclass() throws IOException {
    var map = new SneakyMap();
    map.put("k", "v");
    assertRefused(map, SneakyMap.class.getName());
  }

  @Test
  void refusesSerializableClassOutsideTheAllowList() throws IOException {
    assertRefused(new Payload("rm -rf"), Payload.class.getName());
  }

  @Test
  void refusesAllowedContainerHoldingAForeignClass() throws IOException {
    var list = new java.util.ArrayList<Object>(List.of(new Payload("x")));
    assertRefused(list, Payload.class.getName());
  }

  @Test
  void allowListNamesClassesExactly() {
    assertThat(SmileCodec.ALLOWED).allSatisfy(p -> assertThat(p).doesNotContain("*"));
  }

  private static void assertRefused(Object object, String className) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    byte[] artifact = new ArtifactEnvelope(SmileCodec.FORMAT, bytes.toByteArray()).toBytes();

    assertThatThrownBy(() -> LearningCodecs.artifactCodecs().open(artifact, null))
        .isInstanceOf(ArtifactException.class)
        .as("decoding %s", className)
        .hasMessageContaining("allow-list")
        .hasMessageContaining("REJECTED");
  }
}

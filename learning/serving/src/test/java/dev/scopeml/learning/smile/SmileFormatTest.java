package dev.scopeml.learning.smile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmileFormatTest {

  private static final FeatureSchema SCHEMA =
      new FeatureSchema(
          List.of(Feature.numeric("x", 0)), "y", List.of("a", "b"), MissingValues.IMPUTE, null);

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
  void aStreamClaimingAHundredMillionDoublesIsRefusedBeforeItIsAllocated() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(new double[] {7.0});
    }
    byte[] stream = bytes.toByteArray();
    // The array's length field sits just before its one element (8 bytes).
    int lengthAt = stream.length - 8 - 4;
    assertThat(ByteBuffer.wrap(stream, lengthAt, 4).getInt()).isEqualTo(1);
    ByteBuffer.wrap(stream).putInt(lengthAt, 100_000_000);
    byte[] artifact = new ArtifactEnvelope(SmileFormat.ID, stream).toBytes();

    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(
            () -> ModelFormats.installed().predictor(ArtifactEnvelope.open(artifact, null), SCHEMA))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("REJECTED");
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated)
        .as("bytes allocated while refusing an 800 MB claim")
        .isLessThan(16L * 1024 * 1024);
  }

  @Test
  void allowListNamesClassesExactly() {
    assertThat(SmileFormat.ALLOWED).allSatisfy(p -> assertThat(p).doesNotContain("*"));
  }

  private static void assertRefused(Object object, String className) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    byte[] artifact = new ArtifactEnvelope(SmileFormat.ID, bytes.toByteArray()).toBytes();

    assertThatThrownBy(
            () -> ModelFormats.installed().predictor(ArtifactEnvelope.open(artifact, null), SCHEMA))
        .isInstanceOf(ArtifactException.class)
        .as("decoding %s", className)
        .hasMessageContaining("allow-list")
        .hasMessageContaining("REJECTED");
  }
}

package dev.scopeml.modelstore.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JavaSerializationCodecTest {

  static final JavaSerializationCodec.Limits LIMITS =
      new JavaSerializationCodec.Limits(1_000, 50, 10_000, 1_000_000);

  /** Counts how many instances deserialization has built; a refused class must build none. */
  static final AtomicInteger GADGETS_BUILT = new AtomicInteger();

  /** Stands for a gadget class an attacker smuggles into a stored artifact. */
  static final class Gadget implements Serializable {
    @Serial private static final long serialVersionUID = 1L;

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      GADGETS_BUILT.incrementAndGet();
    }
  }

  /** A permitted model that hides a gadget inside a field. */
  static final class AllowedModel implements Serializable {
    @Serial private static final long serialVersionUID = 1L;
    final double[] weights = {0.5, -1.25};
    Object payload;
  }

  private final JavaSerializationCodec<AllowedModel> codec =
      new JavaSerializationCodec<>(
          "test-java",
          AllowedModel.class,
          List.of(AllowedModel.class.getName(), "java.lang.Number", "java.lang.Double"),
          LIMITS);

  @Test
  void decodesAllowedClasses() {
    var model = new AllowedModel();
    model.payload = 3.5;
    AllowedModel decoded = codec.decode(codec.encode(model));
    assertThat(decoded.weights).containsExactly(0.5, -1.25);
    assertThat(decoded.payload).isEqualTo(3.5);
  }

  @Test
  void refusesClassOutsideTheAllowListBeforeBuildingIt() throws IOException {
    var model = new AllowedModel();
    model.payload = new Gadget();
    byte[] bytes = serialize(model);
    int before = GADGETS_BUILT.get();
    assertThatThrownBy(() -> codec.decode(bytes))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("allow-list");
    assertThat(GADGETS_BUILT.get()).as("gadget instances built").isEqualTo(before);
  }

  @Test
  void refusesAllowedStreamOfTheWrongTopLevelType() throws IOException {
    var permissive =
        new JavaSerializationCodec<>(
            "test-java", AllowedModel.class, List.of("java.util.ArrayList", "java.lang.*"), LIMITS);
    byte[] list = serialize(new ArrayList<>(List.of(1, 2)));
    assertThatThrownBy(() -> permissive.decode(list))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("ArrayList");
  }

  @Test
  void refusesCommonJdkCollectionsUnlessListed() throws IOException {
    var map = new HashMap<String, Integer>();
    map.put("a", 1);
    byte[] bytes = serialize(map);
    assertThatThrownBy(() -> codec.decode(bytes)).isInstanceOf(ArtifactException.class);
  }

  @Test
  void refusesPatternsThatWouldWeakenTheFilter() {
    for (String bad : List.of("!smile.**", "a;*", " ")) {
      assertThatThrownBy(
              () -> new JavaSerializationCodec<>("x", AllowedModel.class, List.of(bad), LIMITS))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static byte[] serialize(Object value) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }
}

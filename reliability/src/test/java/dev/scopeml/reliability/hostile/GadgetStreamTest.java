package dev.scopeml.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.smile.SmileFormat;
import dev.scopeml.modelstore.artifact.ArtifactEnvelope;
import dev.scopeml.modelstore.artifact.ArtifactException;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.ReliabilityTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Serialized model streams that smuggle a gadget class past the Smile allow-list, in every shape a
 * gadget chain uses: bare, inside the allowed collections (as an element, a map key whose hash is
 * computed while reading, a map value), in an {@code Object[]}, as a subclass of an allowed class,
 * behind a dynamic proxy, and as the comparator a {@link PriorityQueue} calls while it reads. Each
 * goes through the decoding path the scorer uses ({@link ModelFormats#installed()} with the
 * recorded checksum) and must be refused with the gadget never built. The same bytes read without
 * the filter do build it: the streams are live.
 */
class GadgetStreamTest extends ReliabilityTest {

  private static final Map<String, Integer> RESULTS = new LinkedHashMap<>();

  private static final FeatureSchema SCHEMA =
      new FeatureSchema(
          List.of(Feature.numeric("x", 0)), "y", List.of("a", "b"), MissingValues.IMPUTE, null);

  /** What a scorer does with a stored version: verify the envelope, then read its payload. */
  private static void scorerReads(ArtifactEnvelope envelope) {
    ModelFormats.installed()
        .predictor(ArtifactEnvelope.open(envelope.toBytes(), envelope.sha256()), SCHEMA);
  }

  /** An allowed class's subclass: a different class name, so the filter sees through it. */
  static final class GadgetList extends ArrayList<Object> {
    @Serial private static final long serialVersionUID = 1L;

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      Gadget.BUILT.incrementAndGet();
    }
  }

  /** A proxy's handler: the piece of a proxy-based chain that does the work. */
  record GadgetHandler(Gadget gadget) implements InvocationHandler, Serializable {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      return 0;
    }
  }

  static Stream<Arguments> smuggled() {
    var inList = new ArrayList<Object>(List.of(1, new Gadget("list element")));
    var asKey = new HashMap<Object, Object>();
    asKey.put(new Gadget("map key"), 1);
    var asValue = new HashMap<Object, Object>();
    asValue.put(1, new Gadget("map value"));
    var subclass = new GadgetList();
    subclass.add(1);
    var proxy =
        (Comparator<?>)
            Proxy.newProxyInstance(
                GadgetStreamTest.class.getClassLoader(),
                new Class<?>[] {Comparator.class},
                new GadgetHandler(new Gadget("proxy")));
    var queue = new PriorityQueue<Object>(new GadgetComparator());
    queue.add(1);
    queue.add(2);
    return Stream.of(
        Arguments.of("a gadget alone", new Gadget("alone")),
        Arguments.of("a gadget in an allowed ArrayList", inList),
        Arguments.of("a gadget as an allowed HashMap's key", asKey),
        Arguments.of("a gadget as an allowed HashMap's value", asValue),
        Arguments.of("a gadget in an Object[]", new Object[] {1, new Gadget("array")}),
        Arguments.of("a subclass of an allowed class", subclass),
        Arguments.of("a dynamic proxy with a gadget handler", proxy),
        Arguments.of("a PriorityQueue with a gadget comparator", queue));
  }

  /** Called by {@link PriorityQueue#readObject} while it rebuilds its heap. */
  static final class GadgetComparator implements Comparator<Object>, Serializable {
    @Serial private static final long serialVersionUID = 1L;
    private final Gadget gadget = new Gadget("comparator");

    @Override
    public int compare(Object a, Object b) {
      return Integer.compare(a.hashCode(), b.hashCode());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("smuggled")
  void aStreamWithAClassOutsideTheAllowListIsRefusedBeforeItIsBuilt(String shape, Object value)
      throws Exception {
    byte[] stream = serialized(value);
    var envelope = new ArtifactEnvelope(SmileFormat.ID, stream);

    int before = Gadget.BUILT.get();
    assertThatThrownBy(() -> scorerReads(envelope))
        .isInstanceOf(ArtifactException.class)
        .hasMessageContaining("REJECTED");
    int built = Gadget.BUILT.get() - before;
    RESULTS.merge(shape, built, Integer::sum);
    assertThat(built).as("gadgets built while the filtered codec read %s", shape).isZero();

    // The control: without the filter the very same bytes do build the gadget.
    try (var unfiltered = new ObjectInputStream(new ByteArrayInputStream(stream))) {
      unfiltered.readObject();
    }
    assertThat(Gadget.BUILT.get() - before)
        .as("an unfiltered read of %s builds the gadget", shape)
        .isPositive();
  }

  @org.junit.jupiter.api.Test
  void streamsBuiltToExhaustStackOrMemoryAreRefused() throws IOException {
    // Allowed classes only: a list nested far beyond the filter's depth limit.
    var nested = new ArrayList<Object>();
    var innermost = nested;
    for (int depth = 0; depth < 1_000; depth++) {
      var next = new ArrayList<Object>();
      innermost.add(next);
      innermost = next;
    }
    // An int[] whose length field claims 2^30 elements: 4 GiB if allocated on trust.
    byte[] array = serialized(new int[] {7});
    int length = array.length - 8;
    assertThat(java.nio.ByteBuffer.wrap(array, length, 4).getInt()).isEqualTo(1);
    java.nio.ByteBuffer.wrap(array).putInt(length, 1 << 30);
    var bombs = Map.of("1,000-deep nesting", deeplySerialized(nested), "2^30-element array", array);
    for (var bomb : bombs.entrySet()) {
      var envelope = new ArtifactEnvelope(SmileFormat.ID, bomb.getValue());
      assertThatThrownBy(() -> scorerReads(envelope))
          .as(bomb.getKey())
          .isInstanceOf(ArtifactException.class)
          .hasMessageContaining("REJECTED");
    }
    CaseReport.record(
        "hostile",
        "serialized model streams built to exhaust the stack or memory",
        bombs.size(),
        0,
        "a 1,000-deep nesting of allowed lists and an int[] header claiming 2^30 elements: both"
            + " refused by the filter's limits before the structure is built",
        getClass().getSimpleName());
  }

  @AfterAll
  void report() {
    CaseReport.record(
        "hostile",
        "serialized model streams with a class outside the allow-list",
        RESULTS.size(),
        RESULTS.values().stream().filter(built -> built > 0).count(),
        "shapes: "
            + String.join("; ", RESULTS.keySet())
            + "; each refused by the scorer's decoding path with 0 gadgets built, while an"
            + " unfiltered read of the same bytes builds one",
        getClass().getSimpleName());
  }

  /** Serializes on a thread with a large stack: writing deep nesting recurses once per level. */
  private static byte[] deeplySerialized(Object value) {
    var result = new java.util.concurrent.atomic.AtomicReference<byte[]>();
    var thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(serialized(value));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            "deep-serializer",
            256L * 1024 * 1024);
    thread.start();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return java.util.Objects.requireNonNull(result.get(), "serialization failed");
  }

  private static byte[] serialized(Object value) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }
}

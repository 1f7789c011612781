package dev.scopeml.learning.trees;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Universal Binary JSON (draft 12), the format xgboost saves models in by default, into the
 * same node tree Jackson builds from JSON text. Reading the bytes a model is stored as avoids
 * asking the native library to load the model and export it again as JSON text.
 *
 * <p>Covers what the format allows: every value type, and containers with or without a declared
 * element type ({@code $}) and count ({@code #}), which xgboost uses for its numeric arrays.
 */
public final class UbjsonParser {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Deeper than any xgboost model nests; bounds recursion on hostile input. */
  private static final int MAX_DEPTH = 64;

  private final ByteBuffer in;

  private UbjsonParser(byte[] bytes) {
    this.in = ByteBuffer.wrap(bytes); // big-endian, as the format requires
  }

  /**
   * The document in {@code bytes}.
   *
   * @throws IllegalArgumentException if the bytes are not one well-formed UBJSON value
   */
  public static JsonNode parse(byte[] bytes) {
    var parser = new UbjsonParser(bytes);
    try {
      JsonNode root = parser.value(parser.marker(), 0);
      if (parser.in.hasRemaining()) {
        throw new IllegalArgumentException(
            parser.in.remaining() + " bytes after the end of the UBJSON document");
      }
      return root;
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("UBJSON document ends in the middle of a value", e);
    }
  }

  private byte marker() {
    byte marker = in.get();
    while (marker == 'N') { // no-op padding
      marker = in.get();
    }
    return marker;
  }

  private JsonNode value(byte marker, int depth) {
    return switch (marker) {
      case 'Z' -> NODES.nullNode();
      case 'T' -> NODES.booleanNode(true);
      case 'F' -> NODES.booleanNode(false);
      case 'i' -> NODES.numberNode((int) in.get());
      case 'U' -> NODES.numberNode(in.get() & 0xFF);
      case 'I' -> NODES.numberNode((int) in.getShort());
      case 'l' -> NODES.numberNode(in.getInt());
      case 'L' -> NODES.numberNode(in.getLong());
      case 'd' -> NODES.numberNode(in.getFloat());
      case 'D' -> NODES.numberNode(in.getDouble());
      case 'H' -> NODES.numberNode(new java.math.BigDecimal(string()));
      case 'C' -> NODES.stringNode(String.valueOf((char) (in.get() & 0xFF)));
      case 'S' -> NODES.stringNode(string());
      case '[' -> array(depth + 1);
      case '{' -> object(depth + 1);
      default ->
          throw new IllegalArgumentException(
              "unknown UBJSON type marker 0x"
                  + Integer.toHexString(marker & 0xFF)
                  + " at byte "
                  + (in.position() - 1));
    };
  }

  private ArrayNode array(int depth) {
    checkDepth(depth);
    ArrayNode array = NODES.arrayNode();
    Container shape = containerShape();
    if (shape.count >= 0) {
      for (long i = 0; i < shape.count; i++) {
        array.add(value(shape.type != 0 ? shape.type : marker(), depth));
      }
      return array;
    }
    for (byte marker = marker(); marker != ']'; marker = marker()) {
      array.add(value(marker, depth));
    }
    return array;
  }

  private ObjectNode object(int depth) {
    checkDepth(depth);
    ObjectNode object = NODES.objectNode();
    Container shape = containerShape();
    if (shape.count >= 0) {
      for (long i = 0; i < shape.count; i++) {
        String key = string();
        object.set(key, value(shape.type != 0 ? shape.type : marker(), depth));
      }
      return object;
    }
    while (peekMarker() != '}') {
      String key = string();
      object.set(key, value(marker(), depth));
    }
    in.get(); // the closing '}'
    return object;
  }

  /** A container's declared element type (0 if none) and count (-1 if none). */
  private record Container(byte type, long count) {}

  private Container containerShape() {
    byte type = 0;
    long count = -1;
    if (peekMarker() == '$') {
      in.get();
      type = in.get();
      if (in.get() != '#') {
        throw new IllegalArgumentException("UBJSON container declares a type but no count");
      }
      count = length(in.get());
    } else if (peekMarker() == '#') {
      in.get();
      count = length(in.get());
    }
    return new Container(type, count);
  }

  private byte peekMarker() {
    while (in.get(in.position()) == 'N') {
      in.get();
    }
    return in.get(in.position());
  }

  private String string() {
    int length = length(marker());
    if (length > in.remaining()) {
      throw new IllegalArgumentException("UBJSON string longer than the document");
    }
    String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return text;
  }

  /** A length or count: a non-negative integer of any integer type that fits the document. */
  private int length(byte marker) {
    long length =
        switch (marker) {
          case 'i' -> in.get();
          case 'U' -> in.get() & 0xFF;
          case 'I' -> in.getShort();
          case 'l' -> in.getInt();
          case 'L' -> in.getLong();
          default ->
              throw new IllegalArgumentException(
                  "UBJSON length of type 0x" + Integer.toHexString(marker & 0xFF));
        };
    if (length < 0 || length > in.capacity()) {
      throw new IllegalArgumentException("UBJSON length " + length + " out of range");
    }
    return (int) length;
  }

  private static void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("UBJSON nested deeper than " + MAX_DEPTH);
    }
  }
}

package dev.scopeml.reliability.hostile;

import dev.scopeml.reliability.Http;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A corpus of malformed predict and infer requests, generated from a seed so that a failure can be
 * reproduced request for request. Each request starts from a valid body and is broken in one way of
 * its kind: broken JSON, deep nesting, huge or malformed numbers, NaN and Infinity, wrong types,
 * wrong shapes, missing and extra fields, hostile unicode and invalid UTF-8, empty bodies, odd
 * content types and odd paths. Some mutations happen to leave a valid request, which a scorer may
 * answer 200; none may be answered 5xx.
 */
final class MalformedRequests {

  /**
   * One request.
   *
   * @param kind the way it is broken
   * @param path the request path
   * @param contentType the Content-Type header, or null for none
   * @param body the raw body
   */
  record Request(String kind, String path, String contentType, byte[] body) {}

  private static final String RAW = "@@raw@@";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final SplittableRandom random;
  private final String model;
  private final JsonNode predict;
  private final List<JsonNode> infers;
  private final Map<String, Supplier<Request>> kinds;

  /**
   * @param seed the seed of every random choice
   * @param model the model the valid requests address
   * @param predict a valid predict body
   * @param infers valid infer bodies (named inputs, an encoded tensor)
   */
  MalformedRequests(long seed, String model, String predict, List<String> infers) {
    this.random = new SplittableRandom(seed);
    this.model = model;
    this.predict = Http.JSON.readTree(predict);
    this.infers = infers.stream().map(Http.JSON::readTree).toList();
    this.kinds =
        Map.ofEntries(
            Map.entry("broken JSON", this::brokenJson),
            Map.entry("deep nesting", this::deepNesting),
            Map.entry("huge or malformed numbers", this::hugeNumber),
            Map.entry("NaN and Infinity", this::nanOrInfinity),
            Map.entry("wrong types", this::wrongType),
            Map.entry("wrong shapes", this::wrongShape),
            Map.entry("missing fields", this::missingField),
            Map.entry("extra fields", this::extraField),
            Map.entry("unicode and invalid UTF-8", this::unicode),
            Map.entry("empty bodies", this::empty),
            Map.entry("odd content types", this::contentType),
            Map.entry("odd paths", this::oddPath));
  }

  /** The kinds of breakage, in a fixed order. */
  List<String> kinds() {
    return kinds.keySet().stream().sorted().toList();
  }

  /** {@code perKind} requests of every kind, in generation order. */
  List<Request> generate(int perKind) {
    var requests = new ArrayList<Request>();
    for (int i = 0; i < perKind; i++) {
      for (String kind : kinds()) {
        requests.add(kinds.get(kind).get());
      }
    }
    return requests;
  }

  // --- the kinds -------------------------------------------------------------------------------

  private Request brokenJson() {
    boolean infer = random.nextBoolean();
    byte[] text = bytes(infer ? anyInfer() : predict);
    int operations = 1 + random.nextInt(3);
    for (int i = 0; i < operations && text.length > 1; i++) {
      int at = random.nextInt(text.length);
      text =
          switch (random.nextInt(5)) {
            case 0 -> java.util.Arrays.copyOf(text, at);
            case 1 -> splice(text, at, 1, new byte[0]);
            case 2 -> splice(text, at, 0, new byte[] {(byte) pick("{}[]:,\"\\'".toCharArray())});
            case 3 -> splice(text, at, 0, java.util.Arrays.copyOfRange(text, at, text.length));
            default -> splice(text, at, 1, new byte[] {(byte) random.nextInt(32, 127)});
          };
    }
    return json("broken JSON", infer, text);
  }

  private Request deepNesting() {
    int depth = pick(new int[] {33, 64, 500, 5_000, 50_000});
    boolean objects = random.nextBoolean();
    String nested =
        objects
            ? "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)
            : "[".repeat(depth) + "1" + "]".repeat(depth);
    if (random.nextInt(4) == 0) {
      return json("deep nesting", random.nextBoolean(), nested.getBytes(StandardCharsets.UTF_8));
    }
    boolean infer = random.nextBoolean();
    return withRaw("deep nesting", infer, infer ? anyInfer() : predict, nested, false);
  }

  private Request hugeNumber() {
    String number =
        pick(
            new String[] {
              "1e999",
              "-1e999",
              "1e-999",
              "9".repeat(19),
              "9".repeat(20),
              "9".repeat(100),
              "9".repeat(101),
              "9".repeat(5_000),
              "1" + "0".repeat(300) + ".5",
              "0x1F",
              "00012",
              "+5",
              ".5",
              "5.",
              "1e",
              "-",
              "1e99999999999",
              "-0",
              "1_000",
              "1.7976931348623157e309",
              "4.9e-325"
            });
    boolean infer = random.nextBoolean();
    return withRaw("huge or malformed numbers", infer, infer ? anyInfer() : predict, number, true);
  }

  private Request nanOrInfinity() {
    String token =
        pick(
            new String[] {
              "NaN",
              "-NaN",
              "Infinity",
              "-Infinity",
              "+Infinity",
              "nan",
              "inf",
              "\"NaN\"",
              "\"Infinity\"",
              "\"-Infinity\"",
              "\"1e999\"",
              "\"nan\""
            });
    boolean infer = random.nextBoolean();
    return withRaw("NaN and Infinity", infer, infer ? anyInfer() : predict, token, true);
  }

  private Request wrongType() {
    boolean infer = random.nextBoolean();
    JsonNode body = (infer ? anyInfer() : predict).deepCopy();
    int replacements = 1 + random.nextInt(2);
    for (int i = 0; i < replacements; i++) {
      replace(body, randomLocation(body, false), randomValue());
    }
    return json("wrong types", infer, bytes(body));
  }

  private Request wrongShape() {
    if (random.nextInt(3) == 0) {
      ObjectNode body = (ObjectNode) predict.deepCopy();
      JsonNode instance = body.path("instances").path(0);
      switch (random.nextInt(5)) {
        case 0 -> body.set("instances", instance);
        case 1 -> body.set("instances", NODES.arrayNode().add(NODES.arrayNode().add(instance)));
        case 2 -> {
          ArrayNode many = NODES.arrayNode();
          for (int i = 0; i < 1_001; i++) {
            many.add(instance);
          }
          body.set("instances", many);
        }
        case 3 -> body.set("instances", NODES.arrayNode());
        default -> body.set("instances", NODES.arrayNode().add(NODES.arrayNode()));
      }
      return json("wrong shapes", false, bytes(body));
    }
    JsonNode body = anyInfer().deepCopy();
    ArrayNode inputs = (ArrayNode) body.path("inputs");
    ObjectNode input = (ObjectNode) inputs.get(random.nextInt(inputs.size()));
    switch (random.nextInt(8)) {
      case 0 -> input.set("shape", shapeOf(pick(new long[] {0, -1, 2147483648L, 3, 1_000_000})));
      case 1 -> input.set("shape", NODES.arrayNode().add(1).add(1).add(1));
      case 2 -> input.set("shape", NODES.arrayNode());
      case 3 -> input.set("shape", NODES.arrayNode().add("1").add(1.5));
      case 4 -> ((ArrayNode) input.path("data")).add(input.path("data").path(0));
      case 5 -> input.set("data", NODES.arrayNode().add(input.path("data")));
      case 6 -> input.put("datatype", pick(new String[] {"INT8", "UINT8", "BOOL", "FP16", "BF16"}));
      default -> input.set("data", NODES.arrayNode());
    }
    return json("wrong shapes", true, bytes(body));
  }

  private Request missingField() {
    boolean infer = random.nextBoolean();
    JsonNode body = (infer ? anyInfer() : predict).deepCopy();
    int removals = 1 + random.nextInt(3);
    for (int i = 0; i < removals; i++) {
      Location at = randomLocation(body, true);
      if (at != null && at.parent() instanceof ObjectNode object) {
        object.remove(at.key());
      }
    }
    return json("missing fields", infer, bytes(body));
  }

  private Request extraField() {
    boolean infer = random.nextBoolean();
    JsonNode body = (infer ? anyInfer() : predict).deepCopy();
    String key =
        pick(
            new String[] {
              "__proto__",
              "constructor",
              "@type",
              "@class",
              "$where",
              "class",
              "k".repeat(1_000),
              "k".repeat(1_001),
              "",
              " ",
              "instances ",
              "Scope"
            });
    List<ObjectNode> objects = objects(body);
    objects.get(random.nextInt(objects.size())).set(key, randomValue());
    byte[] text = bytes(body);
    if (random.nextInt(4) == 0) {
      // The same key twice, which a tree cannot hold: written into the text.
      String duplicate = infer ? "\"inputs\":[]," : "\"instances\":[],";
      text = splice(text, 1, 0, duplicate.getBytes(StandardCharsets.UTF_8));
    }
    return json("extra fields", infer, text);
  }

  private Request unicode() {
    boolean infer = random.nextBoolean();
    JsonNode body = infer ? anyInfer() : predict;
    return switch (random.nextInt(4)) {
      case 0 -> {
        byte[] text = bytes(body);
        byte[] invalid =
            pick(
                new byte[][] {
                  {(byte) 0xFF},
                  {(byte) 0xC0, (byte) 0xAF},
                  {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                  {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                  {(byte) 0xC3},
                  {(byte) 0x80},
                  {0}
                });
        yield json(
            "unicode and invalid UTF-8", infer, splice(text, insideAString(text), 0, invalid));
      }
      case 1 -> {
        byte[] text = bytes(body);
        byte[] prefix =
            random.nextBoolean()
                ? new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
                : new byte[] {(byte) 0xFE, (byte) 0xFF};
        yield json("unicode and invalid UTF-8", infer, splice(text, 0, 0, prefix));
      }
      case 2 ->
          json(
              "unicode and invalid UTF-8",
              infer,
              new String(bytes(body), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16));
      default -> {
        String value =
            pick(
                new String[] {
                  "\\uD800",
                  "\\uDFFF\\uD800",
                  "\\u0000",
                  "\\uFFFF",
                  "One\\u00A0year",
                  "One year\\u200B",
                  "\\u202EraeY enO",
                  "O\\u0301ne ye\\u0301ar",
                  "\uD83D\uDCA5\uD83D\uDCA5",
                  "ＯＮＥ ＹＥＡＲ",
                  "ü".repeat(10_001),
                  "\\\\\\\\\\\\\""
                });
        yield withRaw("unicode and invalid UTF-8", infer, body, "\"" + value + "\"", false);
      }
    };
  }

  private Request empty() {
    String body =
        pick(
            new String[] {
              "",
              " ",
              "\n\t\r ",
              "null",
              "[]",
              "{}",
              "0",
              "\"\"",
              "true",
              "{}{}",
              "\u0000",
              "{\"\":{}}"
            });
    return json("empty bodies", random.nextBoolean(), body.getBytes(StandardCharsets.UTF_8));
  }

  private Request contentType() {
    boolean infer = random.nextBoolean();
    byte[] body = bytes(infer ? anyInfer() : predict);
    if (random.nextBoolean()) {
      body = java.util.Arrays.copyOf(body, body.length - 1);
    }
    String type =
        pick(
            new String[] {
              null,
              "text/plain",
              "application/xml",
              "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x",
              "application/json; charset=utf-16",
              "application/json; charset=nonsense",
              "*/*",
              "application/json, text/plain",
              "application/" + "x".repeat(5_000)
            });
    return new Request("odd content types", path(infer), type, body);
  }

  private Request oddPath() {
    boolean infer = random.nextBoolean();
    String name =
        pick(
            new String[] {
              "..",
              "%2e%2e",
              model + "%00",
              model + "%2Fpredict",
              model + ";x=1",
              "%F0%9F%92%A5",
              "m".repeat(300),
              model.toUpperCase(java.util.Locale.ROOT),
              "%20" + model,
              model + "%0d%0aX-Injected:%201"
            });
    String path =
        infer
            ? "/v2/models/"
                + (random.nextBoolean()
                    ? name
                    : model
                        + "/versions/"
                        + pick(
                            new String[] {"-1", "0", "99999999999999999999", "1e3", "%00", "abc"}))
                + "/infer"
            : "/v1/models/" + name + "/predict";
    if (random.nextInt(3) == 0) {
      path +=
          "?scope="
              + "%7B".repeat(random.nextInt(1, 200))
              + "&x="
              + "y".repeat(random.nextInt(1, 4_000));
    }
    return new Request("odd paths", path, "application/json", bytes(infer ? anyInfer() : predict));
  }

  // --- building blocks -------------------------------------------------------------------------

  private record Location(JsonNode parent, String key, int index) {}

  private Request json(String kind, boolean infer, byte[] body) {
    return new Request(kind, path(infer), "application/json", body);
  }

  private String path(boolean infer) {
    return infer ? "/v2/models/" + model + "/infer" : "/v1/models/" + model + "/predict";
  }

  private JsonNode anyInfer() {
    return infers.get(random.nextInt(infers.size()));
  }

  /**
   * Places a raw token (not valid as a JSON string) at a random location, or at a numeric leaf when
   * {@code numeric}, by writing a marker string there and replacing it in the text.
   */
  private Request withRaw(String kind, boolean infer, JsonNode valid, String raw, boolean numeric) {
    JsonNode body = valid.deepCopy();
    Location at = numeric ? randomNumericLocation(body) : randomLocation(body, false);
    replace(body, at, NODES.stringNode(RAW));
    String text = Http.JSON.writeValueAsString(body).replace("\"" + RAW + "\"", raw);
    return json(kind, infer, text.getBytes(StandardCharsets.UTF_8));
  }

  private Location randomLocation(JsonNode root, boolean objectFieldsOnly) {
    var all = new ArrayList<Location>();
    collect(root, all, objectFieldsOnly, false);
    return all.isEmpty() ? null : all.get(random.nextInt(all.size()));
  }

  private Location randomNumericLocation(JsonNode root) {
    var all = new ArrayList<Location>();
    collect(root, all, false, true);
    return all.isEmpty() ? randomLocation(root, false) : all.get(random.nextInt(all.size()));
  }

  private static void collect(
      JsonNode node, List<Location> into, boolean objectFieldsOnly, boolean numbersOnly) {
    if (node instanceof ObjectNode object) {
      for (String key : object.propertyNames()) {
        JsonNode child = object.get(key);
        if (!numbersOnly || child.isNumber()) {
          into.add(new Location(object, key, -1));
        }
        collect(child, into, objectFieldsOnly, numbersOnly);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (!objectFieldsOnly && (!numbersOnly || array.get(i).isNumber())) {
          into.add(new Location(array, null, i));
        }
        collect(array.get(i), into, objectFieldsOnly, numbersOnly);
      }
    }
  }

  private static void replace(JsonNode root, Location at, JsonNode value) {
    if (at == null) {
      return;
    }
    if (at.parent() instanceof ObjectNode object) {
      object.set(at.key(), value);
    } else if (at.parent() instanceof ArrayNode array) {
      array.set(at.index(), value);
    }
  }

  private List<ObjectNode> objects(JsonNode root) {
    var all = new ArrayList<ObjectNode>();
    collectObjects(root, all);
    return all;
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> into) {
    if (node instanceof ObjectNode object) {
      into.add(object);
    }
    for (JsonNode child : node) {
      collectObjects(child, into);
    }
  }

  private JsonNode randomValue() {
    return switch (random.nextInt(12)) {
      case 0 -> NODES.arrayNode();
      case 1 -> NODES.objectNode();
      case 2 -> NODES.booleanNode(true);
      case 3 -> NODES.booleanNode(false);
      case 4 -> NODES.nullNode();
      case 5 -> NODES.stringNode("");
      case 6 -> NODES.stringNode("x");
      case 7 -> NODES.numberNode(0);
      case 8 -> NODES.numberNode(-1);
      case 9 -> NODES.numberNode(1.5);
      case 10 -> NODES.arrayNode().add(NODES.nullNode());
      default -> NODES.objectNode().set("", NODES.nullNode());
    };
  }

  private static ArrayNode shapeOf(long dimension) {
    return NODES.arrayNode().add(dimension);
  }

  /** A position just after an opening quote, so inserted bytes land inside a string. */
  private int insideAString(byte[] text) {
    var quotes = new ArrayList<Integer>();
    for (int i = 0; i < text.length; i++) {
      if (text[i] == '"') {
        quotes.add(i + 1);
      }
    }
    return quotes.isEmpty() ? 0 : quotes.get(random.nextInt(quotes.size()));
  }

  private static byte[] bytes(JsonNode body) {
    return Http.JSON.writeValueAsBytes(body);
  }

  private static byte[] splice(byte[] text, int at, int remove, byte[] insert) {
    var out = new ByteArrayOutputStream(text.length + insert.length);
    out.write(text, 0, at);
    out.writeBytes(insert);
    int rest = Math.min(text.length, at + remove);
    out.write(text, rest, text.length - rest);
    return out.toByteArray();
  }

  private <T> T pick(T[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private char pick(char[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private int pick(int[] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private long pick(long[] choices) {
    return choices[random.nextInt(choices.length)];
  }
}

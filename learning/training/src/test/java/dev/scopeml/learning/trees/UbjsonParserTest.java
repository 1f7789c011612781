package dev.scopeml.learning.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.modelstore.schema.MissingValues;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.Test;
import org.tribuo.common.xgboost.XGBoostModel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The UBJSON reader against xgboost's own JSON export of the same model, and on broken input. */
class UbjsonParserTest {

  @Test
  void readsAnXGBoostModelAsXGBoostExportsItAsJson() throws Exception {
    var data = TestData.prepare(TestData.telco(), "churn", MissingValues.NATIVE, 21);
    var xgboost = Algorithms.byName("xgboost");
    var fitted = xgboost.fit(data.train(), xgboost.validate(Map.of("trees", 20, "maxDepth", 4)), 3);
    Booster booster = ((XGBoostModel<?>) fitted.model()).getInnerModels().get(0);
    try {
      JsonNode fromBinary = UbjsonParser.parse(booster.toByteArray("ubj"));
      JsonNode fromText = JsonMapper.builder().build().readTree(booster.toByteArray("json"));
      assertSameDocument("$", fromBinary, fromText);
      assertThat(fromBinary.path("learner").path("gradient_booster").path("model").path("trees"))
          .hasSize(40);
    } finally {
      booster.dispose();
    }
  }

  @Test
  void readsEveryValueTypeAndContainerForm() {
    byte[] document =
        bytes(
            "{",
            "i",
            1,
            "a",
            "[",
            "$",
            "d",
            "#",
            "i",
            2,
            floatBytes(1.5f),
            floatBytes(-2.25f),
            "i",
            1,
            "b",
            "[",
            "#",
            "U",
            2,
            "S",
            "U",
            2,
            "hi",
            "T",
            "i",
            1,
            "c",
            "[",
            "Z",
            "F",
            "N",
            "I",
            shortBytes((short) -300),
            "L",
            longBytes(1L << 40),
            "D",
            doubleBytes(0.1),
            "C",
            "x",
            "]",
            "i",
            1,
            "d",
            "{",
            "$",
            "l",
            "#",
            "i",
            1,
            "i",
            1,
            "e",
            intBytes(7),
            "}");
    JsonNode node = UbjsonParser.parse(document);
    assertThat(node.get("a").get(0).floatValue()).isEqualTo(1.5f);
    assertThat(node.get("a").get(1).floatValue()).isEqualTo(-2.25f);
    assertThat(node.get("b").get(0).asString()).isEqualTo("hi");
    assertThat(node.get("b").get(1).booleanValue()).isTrue();
    JsonNode c = node.get("c");
    assertThat(c.get(0).isNull()).isTrue();
    assertThat(c.get(1).booleanValue()).isFalse();
    assertThat(c.get(2).intValue()).isEqualTo(-300);
    assertThat(c.get(3).longValue()).isEqualTo(1L << 40);
    assertThat(c.get(4).doubleValue()).isEqualTo(0.1);
    assertThat(c.get(5).asString()).isEqualTo("x");
    assertThat(node.get("d").get("e").intValue()).isEqualTo(7);
  }

  @Test
  void refusesBrokenDocuments() {
    byte[] model = bytes("{", "i", 1, "a", "[", "$", "d", "#", "i", 2, floatBytes(1f));
    assertThatThrownBy(() -> UbjsonParser.parse(model))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ends in the middle");
    assertThatThrownBy(() -> UbjsonParser.parse(bytes("{", "i", 1, "a", "?", "}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown UBJSON type marker 0x3f");
    assertThatThrownBy(() -> UbjsonParser.parse(bytes("S", "i", -1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> UbjsonParser.parse(bytes("T", "T")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("after the end");
    byte[] deep = new byte[1000];
    Arrays.fill(deep, (byte) '[');
    assertThatThrownBy(() -> UbjsonParser.parse(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> UbjsonParser.parse(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Same keys, order and values; numbers compared as the float32 xgboost stores. */
  private static void assertSameDocument(String path, JsonNode actual, JsonNode expected) {
    if (expected.isNumber()) {
      assertThat(actual.isNumber()).as(path).isTrue();
      assertThat(actual.decimalValue().floatValue())
          .as(path)
          .isEqualTo(expected.decimalValue().floatValue());
    } else if (expected.isObject()) {
      assertThat(actual.propertyNames())
          .as(path)
          .containsExactlyElementsOf(expected.propertyNames());
      for (String name : expected.propertyNames()) {
        assertSameDocument(path + "." + name, actual.get(name), expected.get(name));
      }
    } else if (expected.isArray()) {
      assertThat(actual.size()).as(path).isEqualTo(expected.size());
      Iterator<JsonNode> a = actual.values().iterator();
      int i = 0;
      for (JsonNode e : expected.values()) {
        assertSameDocument(path + "[" + i++ + "]", a.next(), e);
      }
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  /** Markers and key texts as strings, single bytes as integers, encoded numbers as byte arrays. */
  private static byte[] bytes(Object... parts) {
    var out = new ByteArrayOutputStream();
    for (Object part : parts) {
      switch (part) {
        case String text -> out.writeBytes(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        case Integer b -> out.write(b);
        case byte[] raw -> out.writeBytes(raw);
        default -> throw new IllegalArgumentException(String.valueOf(part));
      }
    }
    return out.toByteArray();
  }

  private static byte[] floatBytes(float value) {
    return ByteBuffer.allocate(4).putFloat(value).array();
  }

  private static byte[] shortBytes(short value) {
    return ByteBuffer.allocate(2).putShort(value).array();
  }

  private static byte[] intBytes(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(8).putLong(value).array();
  }

  private static byte[] doubleBytes(double value) {
    return ByteBuffer.allocate(8).putDouble(value).array();
  }
}

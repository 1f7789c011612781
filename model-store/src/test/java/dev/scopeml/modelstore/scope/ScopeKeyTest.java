package dev.scopeml.modelstore.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScopeKeyTest {

  private static final String ALPHABET = "ab =,%/\"'\\*\n\t;:é漢字🙂0";

  @Test
  void roundTripsGeneratedKeys() {
    var random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      var values = new LinkedHashMap<String, String>();
      int columns = 1 + random.nextInt(4);
      for (int c = 0; c < columns; c++) {
        String column = randomText(random, 1 + random.nextInt(6)).strip();
        if (!column.isBlank()) {
          values.put(column, randomText(random, random.nextInt(8)));
        }
      }
      ScopeKey key = ScopeKey.of(values);
      assertThat(ScopeKey.parse(key.toString()))
          .as("round trip of %s", values)
          .isEqualTo(key)
          .extracting(ScopeKey::values)
          .isEqualTo(new java.util.TreeMap<>(values));
    }
  }

  @Test
  void ignoresColumnOrder() {
    var forward = new LinkedHashMap<String, String>();
    forward.put("region", "north");
    forward.put("contract", "One year");
    var backward = new LinkedHashMap<String, String>();
    backward.put("contract", "One year");
    backward.put("region", "north");
    assertThat(ScopeKey.of(forward)).isEqualTo(ScopeKey.of(backward));
    assertThat(ScopeKey.of(forward).toString()).isEqualTo("contract=One year,region=north");
  }

  @Test
  void keepsSpecialCharactersAndEmptyValues() {
    ScopeKey key = ScopeKey.of(Map.of("a=b", "x,y=%z", "empty", ""));
    assertThat(key.toString()).isEqualTo("a%3Db=x%2Cy%3D%25z,empty=");
    assertThat(ScopeKey.parse(key.toString()).values())
        .containsEntry("a=b", "x,y=%z")
        .containsEntry("empty", "");
  }

  @Test
  void globalScopeHasItsOwnForm() {
    assertThat(ScopeKey.global().toString()).isEqualTo("*");
    assertThat(ScopeKey.parse("*").isGlobal()).isTrue();
    assertThat(ScopeKey.of(Map.of())).isEqualTo(ScopeKey.global());
    assertThat(ScopeKey.of("c", "*").isGlobal()).isFalse();
  }

  @Test
  void refusesMalformedForms() {
    for (String bad : List.of("", "novalue", "=x", "a=1,a=2", "a=%zz", "a=1,", "a=%2")) {
      assertThatThrownBy(() -> ScopeKey.parse(bad))
          .as("'%s'", bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void readsScopeFromRow() {
    Map<String, Object> row = Map.of("contract", "Two year", "tenure", 12, "state", "KS");
    assertThat(ScopeKey.fromRow(List.of("state", "contract"), row).toString())
        .isEqualTo("contract=Two year,state=KS");
    assertThatThrownBy(() -> ScopeKey.fromRow(List.of("region"), row))
        .hasMessageContaining("region");
  }

  private static String randomText(Random random, int length) {
    var out = new StringBuilder();
    int[] codePoints = ALPHABET.codePoints().toArray();
    for (int i = 0; i < length; i++) {
      out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
    }
    return out.toString();
  }
}

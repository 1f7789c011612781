package dev.scopeml.modelstore.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scan accepts exactly the plain decimals the grammar below describes. */
class DecimalTextTest {

  private static final Pattern GRAMMAR =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

  @Test
  void agreesWithTheGrammarOnGeneratedText() {
    String alphabet = "+-.eE0123456789 xNa";
    var random = new SplittableRandom(7);
    int accepted = 0;
    for (int i = 0; i < 300_000; i++) {
      var text = new StringBuilder();
      int length = random.nextInt(9);
      for (int c = 0; c < length; c++) {
        text.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String candidate = text.toString();
      boolean expected = GRAMMAR.matcher(candidate).matches();
      assertThat(DecimalText.isDecimal(candidate)).as("'%s'", candidate).isEqualTo(expected);
      accepted += expected ? 1 : 0;
    }
    assertThat(accepted).as("the corpus holds decimals too").isGreaterThan(1_000);
  }

  @Test
  void refusesWhatParseDoubleWouldTakeButAClientShouldNotSend() {
    for (String text : new String[] {"NaN", "Infinity", "-Infinity", "0x1p3", "1d", "2f", "."}) {
      assertThat(DecimalText.isDecimal(text)).as(text).isFalse();
    }
    for (String text : new String[] {"0", "-1.5", "+.5", "5.", "1e10", "2.5E-3"}) {
      assertThat(DecimalText.isDecimal(text)).as(text).isTrue();
    }
  }
}

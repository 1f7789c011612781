package dev.scopeml.modelstore.schema;

/**
 * Recognises plain decimal numbers in text: an optional sign, digits with an optional fraction (or
 * a fraction alone), an optional exponent. What {@link Double#parseDouble} would also take but a
 * client should not send (hexadecimal, {@code NaN}, {@code Infinity}, a trailing {@code d}) is not
 * one. A hand-written scan rather than a regular expression: it runs for every numeric value of
 * every request.
 */
final class DecimalText {

  private DecimalText() {}

  static boolean isDecimal(String text) {
    int i = afterSign(text, 0);
    int integerEnd = afterDigits(text, i);
    int fractionDigits = 0;
    int end = integerEnd;
    if (end < text.length() && text.charAt(end) == '.') {
      end = afterDigits(text, end + 1);
      fractionDigits = end - integerEnd - 1;
    }
    if (integerEnd == i && fractionDigits == 0) {
      return false;
    }
    if (end < text.length() && (text.charAt(end) == 'e' || text.charAt(end) == 'E')) {
      int exponentStart = afterSign(text, end + 1);
      end = afterDigits(text, exponentStart);
      if (end == exponentStart) {
        return false;
      }
    }
    return end == text.length();
  }

  /** The index after an optional {@code +} or {@code -} at {@code i}. */
  private static int afterSign(String text, int i) {
    return i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-') ? i + 1 : i;
  }

  /** The index after the run of ASCII digits starting at {@code i}. */
  private static int afterDigits(String text, int i) {
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}

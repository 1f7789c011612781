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
    int i = 0;
    int n = text.length();
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int integerDigits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
      integerDigits++;
    }
    int fractionDigits = 0;
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        fractionDigits++;
      }
    }
    if (integerDigits == 0 && fractionDigits == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

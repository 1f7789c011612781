package dev.scopeml.modelstore.scope;

import java.math.BigDecimal;

/**
 * The text a scope value is matched by, whatever type the value arrives in: the text the trainer
 * read from its data. A string is itself; a whole number has no decimal point ({@code 36}, {@code
 * 36L} and {@code 36.0} all mean {@code "36"}); other numbers are in Java's shortest form; a
 * boolean is {@code true} or {@code false}. The prediction APIs and batch scoring route rows by it
 * alike.
 */
public final class ScopeValue {

  private ScopeValue() {}

  /**
   * The text of a scope value.
   *
   * @throws IllegalArgumentException if the value is null, not finite, or not a string, number or
   *     boolean
   */
  public static String text(Object value) {
    return switch (value) {
      case String text -> text;
      case Boolean bool -> bool.toString();
      case Integer number -> number.toString();
      case Long number -> number.toString();
      case Short number -> number.toString();
      case Byte number -> number.toString();
      case BigDecimal number -> number.stripTrailingZeros().toPlainString();
      case Float number -> text(number.doubleValue());
      case Double number when number == Math.rint(number) && Math.abs(number) < 1e15 ->
          Long.toString(number.longValue());
      case Double number when Double.isFinite(number) -> number.toString();
      case null -> throw new IllegalArgumentException("must not be null");
      default ->
          throw new IllegalArgumentException("must be a string, number or boolean scope value");
    };
  }
}

package dev.scopeml.learning.algorithm;

/**
 * One numeric hyperparameter with its default and allowed range.
 *
 * @param name the name runs use
 * @param integer whether only whole numbers are allowed (normalized to {@link Integer})
 * @param defaultValue used when the parameter is not given
 * @param min the lower bound
 * @param minExclusive whether {@code min} itself is refused
 * @param max the upper bound, inclusive
 */
public record Parameter(
    String name,
    boolean integer,
    double defaultValue,
    double min,
    boolean minExclusive,
    double max) {

  /** A whole-number parameter in {@code [min, max]}. */
  public static Parameter integer(String name, int defaultValue, int min, int max) {
    return new Parameter(name, true, defaultValue, min, false, max);
  }

  /** A real parameter in {@code [min, max]}. */
  public static Parameter real(String name, double defaultValue, double min, double max) {
    return new Parameter(name, false, defaultValue, min, false, max);
  }

  /** A real parameter in {@code (min, max]}. */
  public static Parameter positive(String name, double defaultValue, double min, double max) {
    return new Parameter(name, false, defaultValue, min, true, max);
  }

  /** The range in interval notation, e.g. {@code an integer in [1, 10000]}. */
  public String range() {
    String kind = integer ? "an integer" : "a number";
    String low = integer ? Long.toString((long) min) : Double.toString(min);
    String high = integer ? Long.toString((long) max) : Double.toString(max);
    return kind + " in " + (minExclusive ? "(" : "[") + low + ", " + high + "]";
  }

  Object normalize(Object value) {
    if (!(value instanceof Number number)) {
      throw refuse(
          "got "
              + (value == null
                  ? "null"
                  : "'" + value + "' (" + value.getClass().getSimpleName() + ")"));
    }
    double real = number.doubleValue();
    if (Double.isNaN(real)
        || (integer && real != Math.rint(real))
        || real < min
        || (minExclusive && real == min)
        || real > max) {
      throw refuse("got " + number);
    }
    return boxed(real);
  }

  Object defaultNormalized() {
    return boxed(defaultValue);
  }

  private Object boxed(double real) {
    // Not a conditional expression: it would unbox both branches to double.
    if (integer) {
      return (int) real;
    }
    return real;
  }

  private InvalidParametersException refuse(String got) {
    return new InvalidParametersException(
        name, "parameter '" + name + "' must be " + range() + ", " + got);
  }
}

package dev.scopeml.modelstore.schema;

import java.util.Arrays;
import java.util.HashSet;

/**
 * The raw values of one column of training data, as a model's schema is built from them and rows
 * are encoded from them: text ({@code null} where missing) or, once a column is known to be
 * numeric, numbers ({@code NaN} where missing). Arrays are shared, not copied: treat them as
 * immutable.
 */
public sealed interface ColumnValues {

  /** Number of rows. */
  int size();

  /** Whether row {@code row} has no value. */
  boolean isMissing(int row);

  /**
   * Row {@code row}'s value as a client would send it: its text, or its number; null if missing.
   */
  Object value(int row);

  /** Fewer values than this never make a column an identifier: small tables repeat by chance. */
  int MIN_IDENTIFIER_VALUES = 20;

  /**
   * Whether the column looks like an identifier (a customer id, a row number): at least {@value
   * #MIN_IDENTIFIER_VALUES} values, every one distinct, and text or whole numbers. A measurement
   * may differ in every row too, so a column with a fractional number never is one.
   */
  default boolean identifierLike() {
    var seen = new HashSet<Object>();
    for (int row = 0; row < size(); row++) {
      Object value = value(row);
      if (value == null) {
        continue;
      }
      double number = value instanceof Double d ? d : Text.number((String) value);
      if (!Double.isNaN(number) && number != Math.rint(number)) {
        return false;
      }
      if (!seen.add(value)) {
        return false;
      }
    }
    return seen.size() >= MIN_IDENTIFIER_VALUES;
  }

  /**
   * Text values, {@code null} where missing.
   *
   * @param values one per row
   */
  record Text(String[] values) implements ColumnValues {

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public boolean isMissing(int row) {
      return values[row] == null;
    }

    @Override
    public Object value(int row) {
      return values[row];
    }

    /**
     * The first row whose value is present but not a plain decimal number (the form a numeric
     * feature accepts), or -1 when every value is one: -1 means the column can be numeric.
     */
    public int firstNonNumber() {
      for (int row = 0; row < values.length; row++) {
        if (values[row] != null && Double.isNaN(number(values[row]))) {
          return row;
        }
      }
      return -1;
    }

    /** The kind this column's values suggest: numeric when every present value is a number. */
    public FeatureKind inferredKind() {
      return firstNonNumber() < 0 ? FeatureKind.NUMERIC : FeatureKind.CATEGORICAL;
    }

    /**
     * The same values as numbers.
     *
     * @throws IllegalArgumentException naming the first value that is not a plain decimal number
     */
    public Numbers toNumbers() {
      double[] numbers = new double[values.length];
      for (int row = 0; row < values.length; row++) {
        numbers[row] = parse(values[row], row);
      }
      return new Numbers(numbers);
    }

    /**
     * One text value as a number: NaN for a missing one.
     *
     * @throws IllegalArgumentException if it is not a plain finite decimal number
     */
    public static double parse(String text, int row) {
      if (text == null) {
        return Double.NaN;
      }
      double number = number(text);
      if (Double.isNaN(number)) {
        throw new IllegalArgumentException(
            "'" + text + "' (data row " + (row + 1) + ") is not a finite decimal number");
      }
      return number;
    }

    /** The value of a plain finite decimal number, NaN for any other text: the encoder's test. */
    static double number(String text) {
      String trimmed = text.trim();
      if (!DecimalText.isDecimal(trimmed)) {
        return Double.NaN;
      }
      double number = Double.parseDouble(trimmed);
      return Double.isFinite(number) ? number : Double.NaN;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Text text && Arrays.equals(values, text.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Text" + Arrays.toString(values);
    }
  }

  /**
   * Numeric values, {@code NaN} where missing.
   *
   * @param values one per row
   */
  record Numbers(double[] values) implements ColumnValues {

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public boolean isMissing(int row) {
      return Double.isNaN(values[row]);
    }

    @Override
    public Object value(int row) {
      return Double.isNaN(values[row]) ? null : values[row];
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Numbers numbers && Arrays.equals(values, numbers.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Numbers" + Arrays.toString(values);
    }
  }
}

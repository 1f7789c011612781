package dev.scopeml.modelstore.schema;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows (column name to value) into encoded {@code double[]} rows of a {@link FeatureSchema}.
 * Thread-safe and allocation-free apart from the output array, because the scorer calls it on every
 * request.
 *
 * <p>Accepted values: for numeric features a finite {@link Number} or a decimal string; for
 * categorical features any string, number or boolean (numbers are matched by their plain decimal
 * text, so {@code 1}, {@code 1.0} and {@code "1"} are the same level). Null, an absent column, the
 * empty string and {@code NA} are missing values, except that a category level seen in training is
 * that level even when it is spelled {@code NA}. A level the feature did not keep goes to its
 * {@link Feature#OTHER_LEVEL} slot when it has one. Columns the schema does not know are ignored.
 */
public final class RowEncoder {

  /** Text values that mean "missing" in CSV files and JSON requests alike. */
  public static final Set<String> MISSING_TOKENS = Set.of("", "NA");

  private final FeatureSchema schema;
  private final int width;
  private final int[] offsets;
  private final List<Map<String, Integer>> levelIndex;
  private final boolean impute;
  private final boolean rejectUnknown;

  RowEncoder(FeatureSchema schema) {
    this.schema = schema;
    this.width = schema.width();
    this.impute = schema.missing() == MissingValues.IMPUTE;
    this.rejectUnknown = schema.unknownCategories() == UnknownCategories.REJECT;
    var features = schema.features();
    this.offsets = new int[features.size()];
    this.levelIndex = new java.util.ArrayList<>(features.size());
    int offset = 0;
    for (int f = 0; f < features.size(); f++) {
      offsets[f] = offset;
      offset += features.get(f).width();
      var index = new HashMap<String, Integer>();
      var levels = features.get(f).levels();
      for (int l = 0; l < levels.size(); l++) {
        index.put(levels.get(l), l);
      }
      levelIndex.add(Map.copyOf(index));
    }
  }

  public FeatureSchema schema() {
    return schema;
  }

  /** Slots in an encoded row. */
  public int width() {
    return width;
  }

  /** Encodes one row into a new array. */
  public double[] encode(Map<String, ?> row) {
    double[] out = new double[width];
    encode(row, out, 0);
    return out;
  }

  /**
   * Encodes one row into {@code out} starting at {@code offset}.
   *
   * @throws RowEncodingException naming the column whose value cannot be encoded
   */
  public void encode(Map<String, ?> row, double[] out, int offset) {
    var features = schema.features();
    for (int f = 0; f < features.size(); f++) {
      Feature feature = features.get(f);
      Object value = row.get(feature.name());
      int at = offset + offsets[f];
      if (feature.kind() == FeatureKind.NUMERIC) {
        out[at] =
            isMissing(value) ? (impute ? feature.fill() : Double.NaN) : numeric(feature, value);
      } else {
        encodeCategory(f, feature, value, out, at);
      }
    }
  }

  /**
   * Encodes rows straight from their columns, without building a row object per row.
   *
   * @param featureColumns the values of the schema's features, in feature order: numbers or text
   *     for a numeric feature, text for a categorical one
   * @param rows which rows to encode, in output order
   * @return one encoded row per entry of {@code rows}
   * @throws RowEncodingException naming the column whose value cannot be encoded
   */
  public double[][] encode(List<ColumnValues> featureColumns, int[] rows) {
    checkColumns(featureColumns);
    double[][] out = new double[rows.length][width];
    for (int r = 0; r < rows.length; r++) {
      encode(featureColumns, rows[r], out[r], 0);
    }
    return out;
  }

  /**
   * Encodes row {@code row} of columns into {@code out} starting at {@code offset}: one row at a
   * time, so that a caller scoring many rows can set a row that cannot be encoded aside and go on.
   *
   * @param featureColumns as for {@link #encode(List, int[])}; a null column is absent, every value
   *     of it missing
   * @throws RowEncodingException naming the column whose value cannot be encoded
   */
  public void encode(List<ColumnValues> featureColumns, int row, double[] out, int offset) {
    var features = schema.features();
    for (int f = 0; f < features.size(); f++) {
      Feature feature = features.get(f);
      ColumnValues column = featureColumns.get(f);
      int at = offset + offsets[f];
      if (feature.kind() == FeatureKind.CATEGORICAL) {
        encodeCategory(f, feature, column == null ? null : column.value(row), out, at);
        continue;
      }
      double missing = impute ? feature.fill() : Double.NaN;
      if (column instanceof ColumnValues.Numbers numbers) {
        double value = numbers.values()[row];
        out[at] = Double.isNaN(value) ? missing : value;
      } else {
        Object value = column == null ? null : column.value(row);
        out[at] = isMissing(value) ? missing : numeric(feature, value);
      }
    }
  }

  /**
   * Checks that {@code featureColumns} has one column per feature of the schema.
   *
   * @throws IllegalArgumentException if the counts differ
   */
  public void checkColumns(List<ColumnValues> featureColumns) {
    if (featureColumns.size() != schema.features().size()) {
      throw new IllegalArgumentException(
          featureColumns.size() + " columns for " + schema.features().size() + " features");
    }
  }

  private void encodeCategory(int f, Feature feature, Object value, double[] out, int at) {
    int width = feature.width();
    // A level seen in training wins over a missing token: a quoted "NA" in a CSV is a category.
    Integer level = value == null ? null : levelIndex.get(f).get(categoryText(feature, value));
    if (level == null && !isMissing(value) && feature.other()) {
      // Rare in training or never seen: the slot after the kept levels.
      level = feature.levels().size();
    }
    if (level == null && !isMissing(value) && rejectUnknown) {
      throw new RowEncodingException(
          feature.name(), "unknown category '" + value + "' for feature '" + feature.name() + "'");
    }
    if (level == null) {
      Arrays.fill(out, at, at + width, impute ? 0.0 : Double.NaN);
      return;
    }
    Arrays.fill(out, at, at + width, 0.0);
    out[at + level] = 1.0;
  }

  private static boolean isMissing(Object value) {
    return value == null || (value instanceof String text && MISSING_TOKENS.contains(text.trim()));
  }

  private static double numeric(Feature feature, Object value) {
    double number;
    if (value instanceof Number n) {
      number = n.doubleValue();
    } else if (value instanceof String text && DecimalText.isDecimal(text.trim())) {
      number = Double.parseDouble(text);
    } else {
      throw new RowEncodingException(
          feature.name(),
          "feature '" + feature.name() + "' must be a number, got " + describe(value));
    }
    if (!Double.isFinite(number)) {
      throw new RowEncodingException(
          feature.name(), "feature '" + feature.name() + "' must be a finite number, got " + value);
    }
    return number;
  }

  /** The text a value is matched against category levels by. */
  public static String categoryText(Feature feature, Object value) {
    return switch (value) {
      case String text -> text;
      case Boolean bool -> bool.toString();
      case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
      case Float d when d == Math.rint(d) && Math.abs(d) < 1e15 -> Long.toString(d.longValue());
      case java.math.BigDecimal d -> d.stripTrailingZeros().toPlainString();
      case Number n -> n.toString();
      default ->
          throw new RowEncodingException(
              feature.name(),
              "feature '" + feature.name() + "' must be a category label, got " + describe(value));
    };
  }

  private static String describe(Object value) {
    return switch (value) {
      case String text -> "'" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'";
      case Map<?, ?> ignored -> "an object";
      case List<?> ignored -> "an array";
      default -> String.valueOf(value);
    };
  }
}

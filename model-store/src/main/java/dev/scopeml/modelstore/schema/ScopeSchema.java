package dev.scopeml.modelstore.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The exact schema of one version, built from the rows it is trained on: the run's feature kinds
 * and label classes, with the category levels and numeric fill values (medians) of those rows.
 * Kinds and classes are decided once per run so every scope's version reads rows the same way;
 * levels are per scope because a scope's model only knows the levels it saw. The trainer, the Spark
 * engine and every test fixture build schemas here and nowhere else.
 *
 * @param schema the schema to encode with and store
 * @param dropped features left out because none of the rows has a value for them
 */
public record ScopeSchema(FeatureSchema schema, List<String> dropped) {

  public ScopeSchema {
    dropped = List.copyOf(dropped);
  }

  /**
   * Builds the schema of the rows at {@code rows}.
   *
   * @param features the feature columns, in encoding order
   * @param kinds each feature's kind
   * @param columns each feature's values over the whole table; a numeric feature's may be {@link
   *     ColumnValues.Text} or {@link ColumnValues.Numbers}, a categorical one's must be text
   * @param rows the training rows, indices into the columns
   * @throws IllegalArgumentException if no feature has a value in these rows
   */
  public static ScopeSchema build(
      List<String> features,
      Map<String, FeatureKind> kinds,
      Map<String, ColumnValues> columns,
      int[] rows,
      String label,
      List<String> classes,
      MissingValues missing) {
    var built = new ArrayList<Feature>(features.size());
    var dropped = new ArrayList<String>();
    for (String name : features) {
      ColumnValues column = columns.get(name);
      if (column == null) {
        throw new IllegalArgumentException("no values for feature '" + name + "'");
      }
      if (kinds.get(name) == FeatureKind.NUMERIC) {
        built.add(Feature.numeric(name, median(column, rows)));
        continue;
      }
      if (!(column instanceof ColumnValues.Text text)) {
        throw new IllegalArgumentException("categorical feature '" + name + "' needs text values");
      }
      var levels = new TreeSet<String>();
      for (int row : rows) {
        String value = text.values()[row];
        if (value != null) {
          levels.add(value);
        }
      }
      if (levels.isEmpty()) {
        // A one-hot feature needs at least one level; a column without values teaches nothing.
        dropped.add(name);
      } else {
        built.add(Feature.categorical(name, List.copyOf(levels)));
      }
    }
    if (built.isEmpty()) {
      throw new IllegalArgumentException("no feature has a value in the scope's training rows");
    }
    return new ScopeSchema(
        new FeatureSchema(built, label, classes, missing, UnknownCategories.AS_MISSING), dropped);
  }

  private static double median(ColumnValues column, int[] rows) {
    double[] values = new double[rows.length];
    int n = 0;
    for (int row : rows) {
      double value =
          switch (column) {
            case ColumnValues.Numbers numbers -> numbers.values()[row];
            case ColumnValues.Text text -> ColumnValues.Text.parse(text.values()[row], row);
          };
      if (!Double.isNaN(value)) {
        values[n++] = value;
      }
    }
    if (n == 0) {
      return 0;
    }
    Arrays.sort(values, 0, n);
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}

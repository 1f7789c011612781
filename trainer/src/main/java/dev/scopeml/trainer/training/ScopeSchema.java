package dev.scopeml.trainer.training;

import dev.scopeml.learning.data.CsvTable;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.MissingValues;
import dev.scopeml.modelstore.schema.UnknownCategories;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The exact schema of one version: the run's feature kinds and label classes, with the category
 * levels and numeric fill values (medians) of the rows it is trained on. Kinds and classes are
 * decided once per run so every scope's version reads rows the same way; levels are per scope
 * because a scope's model only knows the levels it saw.
 *
 * @param schema the schema to encode with and store
 * @param dropped features left out because none of the rows has a value for them
 */
public record ScopeSchema(FeatureSchema schema, List<String> dropped) {

  /**
   * Builds the schema of the rows at {@code rows}.
   *
   * @throws IllegalArgumentException if no feature has a value in these rows
   */
  public static ScopeSchema build(
      CsvTable table,
      int[] rows,
      List<String> features,
      Map<String, FeatureKind> kinds,
      String label,
      List<String> classes,
      MissingValues missing) {
    var built = new ArrayList<Feature>(features.size());
    var dropped = new ArrayList<String>();
    for (String name : features) {
      int column = table.columnIndex(name);
      if (kinds.get(name) == FeatureKind.NUMERIC) {
        built.add(Feature.numeric(name, median(table, rows, column)));
        continue;
      }
      var levels = new TreeSet<String>();
      for (int row : rows) {
        String value = table.rows().get(row).get(column);
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
        new FeatureSchema(built, label, classes, missing, UnknownCategories.AS_MISSING),
        List.copyOf(dropped));
  }

  private static double median(CsvTable table, int[] rows, int column) {
    double[] values = new double[rows.length];
    int n = 0;
    for (int row : rows) {
      String value = table.rows().get(row).get(column);
      if (value != null) {
        values[n++] = Double.parseDouble(value.trim());
      }
    }
    if (n == 0) {
      return 0;
    }
    Arrays.sort(values, 0, n);
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}

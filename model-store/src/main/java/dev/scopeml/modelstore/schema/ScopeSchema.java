package dev.scopeml.modelstore.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * <p>A categorical feature keeps at most {@code maxLevels} levels, the most frequent in the rows
 * (ties in text order); the rest share one {@link Feature#OTHER_LEVEL} slot, so a free-text or
 * identifier-like column costs {@code maxLevels + 1} slots, not one per distinct value.
 *
 * @param schema the schema to encode with and store
 * @param dropped features left out because none of the rows has a value for them
 * @param capped per categorical feature that had more levels than it keeps, how many it had
 */
public record ScopeSchema(FeatureSchema schema, List<String> dropped, Map<String, Integer> capped) {

  /** The most levels a categorical feature keeps when a run names no bound. */
  public static final int DEFAULT_MAX_LEVELS = 100;

  public ScopeSchema {
    dropped = List.copyOf(dropped);
    capped = Collections.unmodifiableMap(new LinkedHashMap<>(capped));
  }

  /**
   * Builds the schema of the rows at {@code rows}.
   *
   * @param features the feature columns, in encoding order
   * @param kinds each feature's kind
   * @param columns each feature's values over the whole table; a numeric feature's may be {@link
   *     ColumnValues.Text} or {@link ColumnValues.Numbers}, a categorical one's must be text
   * @param rows the training rows, indices into the columns
   * @param maxLevels the most levels a categorical feature keeps, at least 1
   * @throws IllegalArgumentException if no feature has a value in these rows
   */
  public static ScopeSchema build(
      List<String> features,
      Map<String, FeatureKind> kinds,
      Map<String, ColumnValues> columns,
      int[] rows,
      String label,
      List<String> classes,
      MissingValues missing,
      int maxLevels) {
    if (maxLevels < 1) {
      throw new IllegalArgumentException("maxLevels must be at least 1, got " + maxLevels);
    }
    var built = new ArrayList<Feature>(features.size());
    var dropped = new ArrayList<String>();
    var capped = new LinkedHashMap<String, Integer>();
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
      var counts = new HashMap<String, Integer>();
      for (int row : rows) {
        String value = text.values()[row];
        if (value != null) {
          counts.merge(value, 1, Integer::sum);
        }
      }
      if (counts.isEmpty()) {
        // A one-hot feature needs at least one level; a column without values teaches nothing.
        dropped.add(name);
      } else if (counts.size() <= maxLevels) {
        built.add(Feature.categorical(name, List.copyOf(new TreeSet<>(counts.keySet()))));
      } else {
        capped.put(name, counts.size());
        built.add(Feature.categoricalWithOther(name, mostFrequent(counts, maxLevels)));
      }
    }
    if (built.isEmpty()) {
      throw new IllegalArgumentException("no feature has a value in the scope's training rows");
    }
    return new ScopeSchema(
        new FeatureSchema(built, label, classes, missing, UnknownCategories.AS_MISSING),
        dropped,
        capped);
  }

  /** The {@code keep} most frequent levels (ties in text order), in text order. */
  private static List<String> mostFrequent(Map<String, Integer> counts, int keep) {
    var kept = new TreeSet<String>();
    counts.entrySet().stream()
        .filter(level -> !level.getKey().equals(Feature.OTHER_LEVEL))
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(keep)
        .forEach(level -> kept.add(level.getKey()));
    return List.copyOf(kept);
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

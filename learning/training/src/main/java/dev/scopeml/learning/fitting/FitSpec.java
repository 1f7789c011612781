package dev.scopeml.learning.fitting;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.modelstore.schema.ScopeSchema;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What every scope of a run is fitted with, decided and validated once for the run.
 *
 * @param label the label column
 * @param classes the label classes, shared by every scope's version, in output order
 * @param features the feature columns, in encoding order
 * @param kinds each feature's kind
 * @param algorithm the algorithm
 * @param params hyperparameters as {@link Algorithm#validate} returned them
 * @param holdout the share of each scope held out for evaluation
 * @param seed fixes the split and the fit
 * @param minRows scopes with fewer labelled rows are skipped
 * @param referenceRows holdout rows stored with each version for the scorer's check
 * @param maxLevels the most levels a categorical feature keeps; the rest share an "other" slot
 */
public record FitSpec(
    String label,
    List<String> classes,
    List<String> features,
    Map<String, FeatureKind> kinds,
    Algorithm algorithm,
    Map<String, Object> params,
    double holdout,
    long seed,
    int minRows,
    int referenceRows,
    int maxLevels) {

  public FitSpec {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(algorithm, "algorithm");
    classes = List.copyOf(classes);
    features = List.copyOf(features);
    kinds = Map.copyOf(kinds);
    params = Map.copyOf(params);
    for (String feature : features) {
      if (!kinds.containsKey(feature)) {
        throw new IllegalArgumentException("feature '" + feature + "' has no kind");
      }
    }
  }

  /**
   * The spec a run gets when it names no features and no kinds: every column but the label, the
   * scope columns and identifiers is a feature ({@link DefaultFeatures}), numeric when every value
   * present is a plain decimal number; the classes are the label's distinct values in text order;
   * categorical features keep {@link ScopeSchema#DEFAULT_MAX_LEVELS} levels.
   *
   * @param labelled the run's rows whose label is present, all columns as text
   * @throws IllegalArgumentException if the label is not a column
   */
  public static FitSpec inferred(
      DataTable labelled,
      String label,
      List<String> scopeBy,
      Algorithm algorithm,
      Map<String, Object> params,
      double holdout,
      long seed,
      int minRows,
      int referenceRows) {
    List<String> features = DefaultFeatures.of(labelled, label, scopeBy).features();
    var kinds = new LinkedHashMap<String, FeatureKind>();
    for (String feature : features) {
      kinds.put(feature, inferredKind(labelled.column(feature)));
    }
    return new FitSpec(
        label,
        classes(labelled, label),
        features,
        kinds,
        algorithm,
        params,
        holdout,
        seed,
        minRows,
        referenceRows,
        ScopeSchema.DEFAULT_MAX_LEVELS);
  }

  /** A column's kind as the data suggests it: numeric when every present value is a number. */
  public static FeatureKind inferredKind(ColumnValues column) {
    return switch (column) {
      case ColumnValues.Numbers ignored -> FeatureKind.NUMERIC;
      case ColumnValues.Text text -> text.inferredKind();
    };
  }

  /** The label's distinct present values in text order: the classes of every scope's version. */
  public static List<String> classes(DataTable table, String label) {
    var classes = new TreeSet<String>();
    for (String value : table.text(label)) {
      if (value != null) {
        classes.add(value);
      }
    }
    return List.copyOf(classes);
  }

  /** The features decided numeric: the columns a table holds as numbers for fitting. */
  public List<String> numericFeatures() {
    return features.stream().filter(f -> kinds.get(f) == FeatureKind.NUMERIC).toList();
  }

  /**
   * Each row's class index, -1 where the label is missing.
   *
   * @throws IllegalArgumentException naming a label value that is not one of the classes
   */
  public int[] labels(DataTable table) {
    String[] values = table.text(label);
    var index = new HashMap<String, Integer>();
    for (int c = 0; c < classes.size(); c++) {
      index.put(classes.get(c), c);
    }
    int[] labels = new int[values.length];
    for (int row = 0; row < values.length; row++) {
      if (values[row] == null) {
        labels[row] = -1;
        continue;
      }
      Integer at = index.get(values[row]);
      if (at == null) {
        throw new IllegalArgumentException(
            "label '" + values[row] + "' is not one of the run's classes " + classes);
      }
      labels[row] = at;
    }
    return labels;
  }
}

package dev.scopeml.learning.batch;

import dev.scopeml.learning.prediction.Predictor;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.modelstore.schema.ColumnValues;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.RowEncodingException;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.modelstore.scope.ScopeRoute;
import dev.scopeml.modelstore.scope.ScopeValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Scores a batch of rows as the scorer's HTTP API answers them, with the rules and code it shares:
 * each row's scope from its scope columns ({@link ScopeValue}), routed to the version pinned for it
 * or to the global one ({@link ScopeRoute}), encoded by that version's encoder and predicted in one
 * batch per scope; the label is the most probable class. A row that cannot be scored (a missing
 * scope value, no version for its scope and no global one, a value its version cannot encode) is
 * rejected with the reason the HTTP API would have given. Thread-safe: the pinned versions are.
 */
public final class BatchScorer {

  private final String model;
  private final List<String> scopeBy;
  private final Function<ScopeKey, ServableModel> pinned;
  private final String[] classes;

  /**
   * @param model the model's name, for reasons
   * @param scopeBy the model's scope columns
   * @param pinned the version pinned for a scope, or null when none is
   * @param classes the label classes every pinned version shares, in output order
   */
  public BatchScorer(
      String model,
      List<String> scopeBy,
      Function<ScopeKey, ServableModel> pinned,
      List<String> classes) {
    this.model = model;
    this.scopeBy = List.copyOf(scopeBy);
    this.pinned = pinned;
    this.classes = classes.toArray(String[]::new);
  }

  /**
   * Scores {@code size} rows.
   *
   * @param columns a column's values by name, null for a column the batch does not have
   */
  public ScoredRows score(Function<String, ColumnValues> columns, int size) {
    var outcome = new ScoredRows(size, classes.length);
    Map<ScopeKey, List<Integer>> groups = groupByScope(columns, size, outcome);
    groups.forEach((scope, rows) -> scoreGroup(columns, scope, rows, outcome));
    return outcome;
  }

  private Map<ScopeKey, List<Integer>> groupByScope(
      Function<String, ColumnValues> table, int size, ScoredRows outcome) {
    var groups = new LinkedHashMap<ScopeKey, List<Integer>>();
    if (scopeBy.isEmpty()) {
      var all = new ArrayList<Integer>(size);
      for (int row = 0; row < size; row++) {
        all.add(row);
      }
      groups.put(ScopeKey.global(), all);
      return groups;
    }
    List<ColumnValues> columns = scopeBy.stream().map(table).toList();
    // Rows of one scope repeat the same values: build each key once.
    var keys = new HashMap<List<String>, ScopeKey>();
    var values = new ArrayList<String>(scopeBy.size());
    for (int row = 0; row < size; row++) {
      values.clear();
      for (int c = 0; c < columns.size() && values.size() == c; c++) {
        Object value = columns.get(c).value(row);
        if (value == null) {
          outcome.reject(
              row,
              scopeBy.get(c),
              "scope column '"
                  + scopeBy.get(c)
                  + "' is missing: model '"
                  + model
                  + "' is scoped by "
                  + scopeBy);
        } else {
          values.add(ScopeValue.text(value));
        }
      }
      if (values.size() == columns.size()) {
        ScopeKey key = keys.computeIfAbsent(List.copyOf(values), this::key);
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
      }
    }
    return groups;
  }

  private ScopeKey key(List<String> values) {
    var map = new TreeMap<String, String>();
    for (int c = 0; c < values.size(); c++) {
      map.put(scopeBy.get(c), values.get(c));
    }
    return ScopeKey.of(map);
  }

  private void scoreGroup(
      Function<String, ColumnValues> table, ScopeKey scope, List<Integer> rows, ScoredRows out) {
    var route = ScopeRoute.of(scope, pinned);
    if (route.isEmpty()) {
      String reason =
          "model '"
              + model
              + "' has no version for scope '"
              + scope
              + "' and no global model to fall back to";
      rows.forEach(row -> out.reject(row, null, reason));
      return;
    }
    ServableModel version = route.get().version();
    Predictor predictor = version.predictor();
    var columns = new ArrayList<ColumnValues>();
    for (Feature feature : version.encoder().schema().features()) {
      columns.add(table.apply(feature.name()));
    }
    int width = predictor.width();
    double[] encoded = new double[rows.size() * width];
    int[] good = new int[rows.size()];
    int count = 0;
    for (int row : rows) {
      try {
        version.encoder().encode(columns, row, encoded, count * width);
        good[count++] = row;
      } catch (RowEncodingException e) {
        out.reject(row, e.field(), e.getMessage());
      }
    }
    double[] probabilities = new double[count * classes.length];
    if (count == 1) {
      predictor.predict(Arrays.copyOf(encoded, width), probabilities);
    } else if (count > 1) {
      predictor.predictBatch(encoded, count, probabilities);
    }
    String answering = route.get().answering().toString();
    String requested = route.get().fallback() ? scope.toString() : null;
    int number = version.version().version();
    for (int i = 0; i < count; i++) {
      out.scored(
          good[i],
          answering,
          number,
          requested,
          classes[Predictor.mostProbable(probabilities, i, classes.length)],
          probabilities,
          i * classes.length);
    }
  }
}

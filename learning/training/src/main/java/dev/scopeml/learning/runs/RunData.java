package dev.scopeml.learning.runs;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run prepared once per trainer: its spec, its labelled rows with the numeric features held as
 * numbers, each row's class, and the rows of each scope, so each task picks its rows without
 * scanning or parsing anything. Shared read-only by every worker of a trainer that trains the run.
 *
 * @param spec the run as planned
 * @param fitter fits the run's scopes
 * @param table the rows whose label is present
 * @param labels each row's class index
 * @param scopeRows per scope, the row indices into {@code table}, ascending
 * @param rowsWithoutLabel rows dropped because the label was missing
 * @param rowsWithoutScope labelled rows left out of every scope because a scope column was missing
 *     (they still train the global model)
 */
public record RunData(
    RunSpec spec,
    ScopeFitter fitter,
    DataTable table,
    int[] labels,
    Map<ScopeKey, int[]> scopeRows,
    int rowsWithoutLabel,
    int rowsWithoutScope) {

  /**
   * Drops unlabelled rows, converts the numeric features to numbers and groups the rows by the
   * values of the scope columns.
   *
   * @throws IllegalArgumentException if the data no longer fits the plan: a numeric feature holds
   *     text, or a label is not one of the run's classes
   */
  public static RunData prepare(RunSpec spec, DataTable loaded, int referenceRows) {
    String[] allLabels = loaded.text(spec.label());
    var fitter = new ScopeFitter(spec.fitSpec(referenceRows));
    DataTable labelled =
        loaded.filter(row -> allLabels[row] != null).withNumbers(fitter.spec().numericFeatures());
    int[] labels = fitter.spec().labels(labelled);
    List<String[]> scopeColumns = spec.scopeBy().stream().map(labelled::text).toList();
    var grouped = new HashMap<ScopeKey, List<Integer>>();
    int withoutScope = 0;
    if (!scopeColumns.isEmpty()) {
      for (int row = 0; row < labelled.size(); row++) {
        var values = new TreeMap<String, String>();
        for (int c = 0; c < scopeColumns.size() && values != null; c++) {
          String value = scopeColumns.get(c)[row];
          if (value == null) {
            values = null;
          } else {
            values.put(spec.scopeBy().get(c), value);
          }
        }
        if (values == null) {
          withoutScope++;
        } else {
          grouped.computeIfAbsent(ScopeKey.of(values), key -> new ArrayList<>()).add(row);
        }
      }
    }
    var scopeRows = new TreeMap<ScopeKey, int[]>();
    grouped.forEach(
        (scope, rows) -> scopeRows.put(scope, rows.stream().mapToInt(Integer::intValue).toArray()));
    return new RunData(
        spec,
        fitter,
        labelled,
        labels,
        Collections.unmodifiableMap(scopeRows),
        loaded.size() - labelled.size(),
        withoutScope);
  }

  /**
   * The rows of {@code scope}: every labelled row for the global scope, none for an unknown one.
   */
  public int[] rows(ScopeKey scope) {
    if (scope.isGlobal()) {
      int[] all = new int[table.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return all;
    }
    return scopeRows.getOrDefault(scope, new int[0]);
  }
}

package dev.scopeml.trainer.training;

import dev.scopeml.learning.data.CsvTable;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's labelled rows, indexed by scope once so each task picks its rows without scanning the
 * table. Shared read-only by every worker of a trainer that trains the run.
 *
 * @param table the rows whose label is present
 * @param scopeRows per scope, the row indices into {@code table}, ascending
 * @param rowsWithoutLabel rows dropped because the label was missing
 * @param rowsWithoutScope labelled rows left out of every scope because a scope column was missing
 *     (they still train the global model)
 */
public record RunData(
    CsvTable table, Map<ScopeKey, int[]> scopeRows, int rowsWithoutLabel, int rowsWithoutScope) {

  /** Drops unlabelled rows and groups the rest by the values of {@code scopeBy}. */
  public static RunData prepare(CsvTable loaded, String label, List<String> scopeBy) {
    CsvTable labelled = loaded.withoutMissing(label);
    int[] columns = scopeBy.stream().mapToInt(labelled::columnIndex).toArray();
    var grouped = new HashMap<ScopeKey, List<Integer>>();
    int withoutScope = 0;
    if (!scopeBy.isEmpty()) {
      for (int r = 0; r < labelled.size(); r++) {
        List<String> row = labelled.rows().get(r);
        var values = new TreeMap<String, String>();
        for (int c = 0; c < columns.length; c++) {
          String value = row.get(columns[c]);
          if (value == null) {
            values = null;
            break;
          }
          values.put(scopeBy.get(c), value);
        }
        if (values == null) {
          withoutScope++;
        } else {
          grouped.computeIfAbsent(ScopeKey.of(values), key -> new ArrayList<>()).add(r);
        }
      }
    }
    var scopeRows = new TreeMap<ScopeKey, int[]>();
    grouped.forEach(
        (scope, rows) -> scopeRows.put(scope, rows.stream().mapToInt(Integer::intValue).toArray()));
    return new RunData(
        labelled,
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

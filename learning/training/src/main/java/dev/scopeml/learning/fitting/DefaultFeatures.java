package dev.scopeml.learning.fitting;

import dev.scopeml.learning.data.DataTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's features when it names none: every column but the label and the scope columns, except
 * identifiers. A column whose values are all distinct would become as many one-hot slots as rows
 * and teaches nothing that generalises, so it is left out, and the run says so.
 *
 * @param features the feature columns, in table order
 * @param excluded the columns left out, each with the reason
 */
public record DefaultFeatures(List<String> features, Map<String, String> excluded) {

  /** Why an identifier is left out, as a run shows it. */
  public static final String IDENTIFIER = "unique per row: an identifier, not a feature";

  public DefaultFeatures {
    features = List.copyOf(features);
    excluded = Map.copyOf(excluded);
  }

  /** The default features of a run's labelled rows. */
  public static DefaultFeatures of(DataTable labelled, String label, List<String> scopeBy) {
    var features = new ArrayList<String>();
    var excluded = new LinkedHashMap<String, String>();
    for (String column : labelled.columnNames()) {
      if (column.equals(label) || scopeBy.contains(column)) {
        continue;
      }
      if (labelled.column(column).identifierLike()) {
        excluded.put(column, IDENTIFIER);
      } else {
        features.add(column);
      }
    }
    return new DefaultFeatures(features, excluded);
  }
}

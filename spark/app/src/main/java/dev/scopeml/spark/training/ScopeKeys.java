package dev.scopeml.spark.training;

import dev.scopeml.learning.runs.MissingRule;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;

/**
 * A row's scope in its canonical form, as the trainer groups rows: the values of the scope columns
 * as read; null when one is missing (such a row trains no scope but the global one).
 */
final class ScopeKeys implements UDF1<Row, String> {

  private final List<String> scopeBy;
  private final MissingRule missing;

  /**
   * @param scopeBy the scope columns, in the order of the struct each call receives
   * @param missing which values are missing
   */
  ScopeKeys(List<String> scopeBy, MissingRule missing) {
    this.scopeBy = List.copyOf(scopeBy);
    this.missing = missing;
  }

  @Override
  public String call(Row values) {
    var key = new TreeMap<String, String>();
    for (int c = 0; c < scopeBy.size(); c++) {
      String value = values.isNullAt(c) ? null : values.getString(c);
      if (missing.isMissing(value)) {
        return null;
      }
      key.put(scopeBy.get(c), value);
    }
    return ScopeKey.of(key).toString();
  }
}

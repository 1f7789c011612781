package dev.scopeml.spark.training;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.spark.source.MissingRule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A group's rows as the table the trainer reads from the run's source: text by column, null where a
 * value is missing.
 */
final class GroupTable {

  private GroupTable() {}

  /**
   * @param columns the source's columns, in source order, by name in each row
   * @param missing which values are missing
   */
  static DataTable of(List<String> columns, Iterator<Row> rows, MissingRule missing) {
    var table = new DataTable.Builder(columns);
    var values = new ArrayList<String>(columns.size());
    int[] at = null;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (at == null) {
        at = columns.stream().mapToInt(row::fieldIndex).toArray();
      }
      values.clear();
      for (int index : at) {
        String value = row.isNullAt(index) ? null : row.getString(index);
        values.add(missing.isMissing(value) ? null : value);
      }
      table.add(values);
    }
    return table.build();
  }
}

package dev.scopeml.spark.training;

import dev.scopeml.learning.data.DataTable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * A group's rows as the table the trainer reads from a CSV file: text by column, null where a value
 * is missing (empty, or one of the run's missing values).
 */
final class GroupTable {

  private GroupTable() {}

  /**
   * @param columns the source's columns, in source order, by name in each row
   * @param missing text values read as missing
   */
  static DataTable of(List<String> columns, Iterator<Row> rows, Set<String> missing) {
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
        values.add(value == null || value.isEmpty() || missing.contains(value) ? null : value);
      }
      table.add(values);
    }
    return table.build();
  }
}

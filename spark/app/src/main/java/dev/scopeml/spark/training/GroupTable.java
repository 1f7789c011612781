package dev.scopeml.spark.training;

import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.runs.MissingRule;
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
   * @param maxRows the most rows the table may hold
   * @throws TooManyRowsException as soon as a row beyond {@code maxRows} arrives: the group is
   *     refused before it is held in memory
   */
  static DataTable of(List<String> columns, Iterator<Row> rows, MissingRule missing, long maxRows) {
    var table = new DataTable.Builder(columns);
    var values = new ArrayList<String>(columns.size());
    int[] at = null;
    long count = 0;
    while (rows.hasNext()) {
      Row row = rows.next();
      if (++count > maxRows) {
        throw new TooManyRowsException(maxRows);
      }
      if (at == null) {
        at = columns.stream().mapToInt(row::fieldIndex).toArray();
      }
      values.clear();
      for (int index : at) {
        String value = row.isNullAt(index) ? null : row.getString(index);
        values.add(missing.orNull(value));
      }
      table.add(values);
    }
    return table.build();
  }
}

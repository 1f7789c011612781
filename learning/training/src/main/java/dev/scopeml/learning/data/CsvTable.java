package dev.scopeml.learning.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table read from CSV: column names and rows of raw text, with missing values as null.
 *
 * @param columns column names in file order
 * @param rows each row's values in column order; null where the value is missing
 */
public record CsvTable(List<String> columns, List<List<String>> rows) {

  public CsvTable {
    columns = List.copyOf(columns);
    var copied = new ArrayList<List<String>>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " values for " + columns.size() + " columns");
      }
      copied.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copied);
    if (columns.stream().distinct().count() != columns.size()) {
      throw new IllegalArgumentException("column names repeat: " + columns);
    }
  }

  /** Number of rows. */
  public int size() {
    return rows.size();
  }

  /**
   * Position of a column.
   *
   * @throws IllegalArgumentException naming the column and the known ones if there is none
   */
  public int columnIndex(String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("no column '" + column + "', columns: " + columns);
    }
    return index;
  }

  /** A column's values, null where missing. */
  public List<String> column(String column) {
    int index = columnIndex(column);
    var values = new ArrayList<String>(rows.size());
    for (List<String> row : rows) {
      values.add(row.get(index));
    }
    return Collections.unmodifiableList(values);
  }

  /** Row {@code i} as column to value, leaving missing values out (absent means missing). */
  public Map<String, Object> row(int i) {
    List<String> values = rows.get(i);
    var row = new LinkedHashMap<String, Object>();
    for (int c = 0; c < columns.size(); c++) {
      if (values.get(c) != null) {
        row.put(columns.get(c), values.get(c));
      }
    }
    return row;
  }

  /** Every row as a map, see {@link #row(int)}. */
  public List<Map<String, Object>> rowMaps() {
    var maps = new ArrayList<Map<String, Object>>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      maps.add(row(i));
    }
    return maps;
  }

  /** The rows whose {@code column} is not missing, e.g. the labelled rows. */
  public CsvTable withoutMissing(String column) {
    int index = columnIndex(column);
    return new CsvTable(columns, rows.stream().filter(row -> row.get(index) != null).toList());
  }
}

package dev.scopeml.learning.data;

import dev.scopeml.modelstore.schema.ColumnValues;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Training data held by column: each column's values as text ({@code null} where missing) or, once
 * the run has decided it is numeric, as numbers ({@code NaN} where missing). Held by column because
 * rows are encoded straight from columns and a numeric column costs 8 bytes a row instead of a
 * string each. Immutable; the arrays inside are shared, never written after construction.
 */
public final class DataTable {

  private final List<String> names;
  private final Map<String, Integer> index;
  private final List<ColumnValues> columns;
  private final int size;

  private DataTable(List<String> names, List<ColumnValues> columns, int size) {
    this.names = List.copyOf(names);
    this.columns = List.copyOf(columns);
    this.size = size;
    this.index = new HashMap<>();
    for (int c = 0; c < this.names.size(); c++) {
      if (index.put(this.names.get(c), c) != null) {
        throw new IllegalArgumentException("column names repeat: " + names);
      }
      if (this.columns.get(c).size() != size) {
        throw new IllegalArgumentException(
            "column '" + names.get(c) + "' has " + columns.get(c).size() + " values, not " + size);
      }
    }
  }

  /**
   * A table of the given columns.
   *
   * @throws IllegalArgumentException if names repeat or the columns differ in length
   */
  public static DataTable of(List<String> names, List<ColumnValues> columns) {
    if (names.size() != columns.size()) {
      throw new IllegalArgumentException(
          names.size() + " names for " + columns.size() + " columns");
    }
    return new DataTable(names, columns, columns.isEmpty() ? 0 : columns.getFirst().size());
  }

  /** Number of rows. */
  public int size() {
    return size;
  }

  /** The column names in source order. */
  public List<String> columnNames() {
    return names;
  }

  public boolean hasColumn(String name) {
    return index.containsKey(name);
  }

  /**
   * A column's values.
   *
   * @throws IllegalArgumentException naming the column and the known ones if there is none
   */
  public ColumnValues column(String name) {
    Integer at = index.get(name);
    if (at == null) {
      throw new IllegalArgumentException("no column '" + name + "', columns: " + names);
    }
    return columns.get(at);
  }

  /**
   * A column's text values.
   *
   * @throws IllegalArgumentException if it has none or was converted to numbers
   */
  public String[] text(String name) {
    if (column(name) instanceof ColumnValues.Text text) {
      return text.values();
    }
    throw new IllegalArgumentException("column '" + name + "' holds numbers, not text");
  }

  /** Row {@code row} as column to value (text or number), missing values left out. */
  public Map<String, Object> row(int row) {
    var values = new LinkedHashMap<String, Object>();
    for (int c = 0; c < names.size(); c++) {
      Object value = columns.get(c).value(row);
      if (value != null) {
        values.put(names.get(c), value);
      }
    }
    return values;
  }

  /**
   * The same table with the named text columns as numbers.
   *
   * @throws IllegalArgumentException naming the column and the first value that is not a number
   */
  public DataTable withNumbers(Collection<String> numeric) {
    var converted = new ArrayList<ColumnValues>(columns);
    for (String name : numeric) {
      int at = index.getOrDefault(name, -1);
      if (at < 0) {
        throw new IllegalArgumentException("no column '" + name + "', columns: " + names);
      }
      if (converted.get(at) instanceof ColumnValues.Text text) {
        try {
          converted.set(at, text.toNumbers());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("column '" + name + "': " + e.getMessage(), e);
        }
      }
    }
    return new DataTable(names, converted, size);
  }

  /** The rows {@code keep} accepts, in order. */
  public DataTable filter(IntPredicate keep) {
    int kept = 0;
    int[] rows = new int[size];
    for (int row = 0; row < size; row++) {
      if (keep.test(row)) {
        rows[kept++] = row;
      }
    }
    if (kept == size) {
      return this;
    }
    return select(Arrays.copyOf(rows, kept));
  }

  /** The rows at {@code rows}, in that order. */
  public DataTable select(int[] rows) {
    var selected = new ArrayList<ColumnValues>(columns.size());
    for (ColumnValues column : columns) {
      selected.add(
          switch (column) {
            case ColumnValues.Text text -> {
              String[] values = new String[rows.length];
              for (int i = 0; i < rows.length; i++) {
                values[i] = text.values()[rows[i]];
              }
              yield new ColumnValues.Text(values);
            }
            case ColumnValues.Numbers numbers -> {
              double[] values = new double[rows.length];
              for (int i = 0; i < rows.length; i++) {
                values[i] = numbers.values()[rows[i]];
              }
              yield new ColumnValues.Numbers(values);
            }
          });
    }
    return new DataTable(names, selected, rows.length);
  }

  /**
   * Collects rows of text into columns. Repeated values of a column share one string, which keeps a
   * large table of categories at a fraction of its text size; a table read to be scored and dropped
   * skips that, since looking every value up costs more than its strings.
   */
  public static final class Builder {

    /** Past this many distinct values a column is taken to be free text and not deduplicated. */
    private static final int MAX_SHARED_VALUES = 65_536;

    private final List<String> names;
    private final List<List<String>> values;
    private final List<Map<String, String>> shared;

    /** A builder that shares repeated values: for tables that are kept. */
    public Builder(List<String> names) {
      this(names, true);
    }

    /**
     * @param shareRepeats whether repeated values of a column share one string
     */
    public Builder(List<String> names, boolean shareRepeats) {
      this.names = List.copyOf(names);
      this.values = new ArrayList<>(names.size());
      this.shared = shareRepeats ? new ArrayList<>(names.size()) : null;
      for (int c = 0; c < names.size(); c++) {
        values.add(new ArrayList<>());
        if (shareRepeats) {
          shared.add(new HashMap<>());
        }
      }
    }

    /**
     * Adds one row.
     *
     * @param row one value per column, null where missing
     * @throws IllegalArgumentException if the row has another number of values
     */
    public Builder add(List<String> row) {
      if (row.size() != names.size()) {
        throw new IllegalArgumentException(
            "a row has " + row.size() + " values for " + names.size() + " columns");
      }
      for (int c = 0; c < row.size(); c++) {
        values.get(c).add(share(c, row.get(c)));
      }
      return this;
    }

    private String share(int column, String value) {
      if (value == null || shared == null) {
        return value;
      }
      Map<String, String> known = shared.get(column);
      String same = known.get(value);
      if (same != null) {
        return same;
      }
      if (known.size() < MAX_SHARED_VALUES) {
        known.put(value, value);
      }
      return value;
    }

    public DataTable build() {
      var columns = new ArrayList<ColumnValues>(names.size());
      int size = values.isEmpty() ? 0 : values.getFirst().size();
      for (List<String> column : values) {
        columns.add(new ColumnValues.Text(column.toArray(String[]::new)));
      }
      return new DataTable(names, columns, size);
    }
  }
}

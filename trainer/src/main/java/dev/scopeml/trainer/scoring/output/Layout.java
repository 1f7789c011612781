package dev.scopeml.trainer.scoring.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The columns of a job's output and rejects. Output: {@code input_row}, the carried columns, then
 * what the HTTP API answers per row: {@code scope} (the scope whose version answered, {@code *} on
 * a fallback), {@code version}, {@code fallback}, {@code requested_scope} (on a fallback, the scope
 * the row asked for), {@code label} and one {@code probability_<class>} per class. Rejects: {@code
 * input_row}, the carried columns, {@code field} (the column at fault, if one is) and {@code
 * reason}.
 *
 * @param carry the carried columns
 * @param carryTypes their types as written: {@code VARCHAR}, {@code BIGINT}, {@code INTEGER},
 *     {@code DOUBLE} or {@code BOOLEAN}
 * @param classes the label classes in output order
 */
public record Layout(List<String> carry, Map<String, String> carryTypes, List<String> classes) {

  public Layout {
    carry = List.copyOf(carry);
    carryTypes = Map.copyOf(carryTypes);
    classes = List.copyOf(classes);
  }

  /** The type a carried column of the input's {@code type} is written with. */
  public static String carriedType(String inputType) {
    return switch (inputType.replaceAll("\\(.*", "")) {
      case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> "INTEGER";
      case "BIGINT", "UINTEGER" -> "BIGINT";
      case "FLOAT", "DOUBLE" -> "DOUBLE";
      case "BOOLEAN" -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }

  /** The output's columns and their types, in order. */
  public List<Column> outputColumns() {
    var columns = new ArrayList<Column>();
    columns.add(new Column("input_row", "BIGINT"));
    carry.forEach(c -> columns.add(new Column(c, carryTypes.get(c))));
    columns.add(new Column("scope", "VARCHAR"));
    columns.add(new Column("version", "INTEGER"));
    columns.add(new Column("fallback", "BOOLEAN"));
    columns.add(new Column("requested_scope", "VARCHAR"));
    columns.add(new Column("label", "VARCHAR"));
    classes.forEach(c -> columns.add(new Column("probability_" + c, "DOUBLE")));
    return columns;
  }

  /** The rejects' columns and their types, in order. */
  public List<Column> rejectColumns() {
    var columns = new ArrayList<Column>();
    columns.add(new Column("input_row", "BIGINT"));
    carry.forEach(c -> columns.add(new Column(c, carryTypes.get(c))));
    columns.add(new Column("field", "VARCHAR"));
    columns.add(new Column("reason", "VARCHAR"));
    return columns;
  }

  /**
   * One column.
   *
   * @param name its name
   * @param type {@code VARCHAR}, {@code BIGINT}, {@code INTEGER}, {@code DOUBLE} or {@code BOOLEAN}
   */
  public record Column(String name, String type) {}
}

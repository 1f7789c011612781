package dev.scopeml.scorer.scoring;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.modelstore.scope.ScopeValue;
import dev.scopeml.scorer.web.BadRequestException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads scope keys from requests. A scope value is matched by its text, as the trainer read it from
 * the data: a string as is, a whole number without a decimal point ({@code 36} and {@code 36.0}
 * both mean {@code "36"}), other numbers in Java's shortest form, booleans as {@code true}/{@code
 * false}.
 */
public final class ScopeValues {

  private ScopeValues() {}

  /**
   * The scope named by a request-level field: an object of scope column to value, or the canonical
   * string form ({@code contract=One year}, {@code *} for the global scope).
   *
   * @param field the field's path, for error messages
   */
  public static ScopeKey fromField(Object value, ModelFamily family, String field) {
    if (value instanceof String canonical) {
      ScopeKey key;
      try {
        key = ScopeKey.parse(canonical);
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(field, field + ": " + e.getMessage());
      }
      checkColumns(key.values().keySet().stream().toList(), family, field);
      return key;
    }
    if (!(value instanceof Map<?, ?> object)) {
      throw new BadRequestException(
          field, field + " must be an object of scope column to value, or a scope string");
    }
    var values = new TreeMap<String, String>();
    for (Map.Entry<?, ?> entry : object.entrySet()) {
      String column = (String) entry.getKey();
      values.put(column, text(entry.getValue(), field + "." + column));
    }
    checkColumns(List.copyOf(values.keySet()), family, field);
    return ScopeKey.of(values);
  }

  /**
   * The scope of one row from its scope columns.
   *
   * @param prefix the row's path, e.g. {@code instances[3]}
   * @throws BadRequestException naming the scope column that is missing or not a scalar
   */
  public static ScopeKey fromRow(Map<String, ?> row, ModelFamily family, String prefix) {
    List<String> columns = family.scopeColumns();
    if (columns.isEmpty()) {
      return ScopeKey.global();
    }
    var values = new TreeMap<String, String>();
    for (String column : columns) {
      Object value = row.get(column);
      String field = prefix + "." + column;
      if (value == null) {
        throw new BadRequestException(
            field,
            field
                + " is missing: model '"
                + family.name()
                + "' is scoped by "
                + columns
                + "; give them in every instance or a request-level scope");
      }
      values.put(column, text(value, field));
    }
    return ScopeKey.of(values);
  }

  /** The text a scope value is matched by ({@link ScopeValue}). */
  static String text(Object value, String field) {
    if (value == null) {
      throw new BadRequestException(field, field + " must not be null");
    }
    try {
      return ScopeValue.text(value);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(field, field + " " + e.getMessage());
    }
  }

  private static void checkColumns(List<String> given, ModelFamily family, String field) {
    if (given.isEmpty()) {
      return; // the global scope
    }
    for (String column : given) {
      if (!family.scopeColumns().contains(column)) {
        throw new BadRequestException(
            field + "." + column,
            "'"
                + column
                + "' is not a scope column of model '"
                + family.name()
                + "', which is scoped by "
                + family.scopeColumns());
      }
    }
    for (String column : family.scopeColumns()) {
      if (!given.contains(column)) {
        throw new BadRequestException(
            field + "." + column,
            field + " lacks scope column '" + column + "' of model '" + family.name() + "'");
      }
    }
  }
}

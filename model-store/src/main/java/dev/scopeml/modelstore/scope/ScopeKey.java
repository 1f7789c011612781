package dev.scopeml.modelstore.scope;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The name of a scope: an ordered map from scope column to value with one canonical string form,
 * used alike in the database, the APIs, metric labels and logs.
 *
 * <p>Columns are ordered by name, so the same columns in any order give the same key. The canonical
 * form is {@code column=value} pairs joined by {@code ,}; the characters {@code %}, {@code =} and
 * {@code ,} inside names and values are percent-encoded, so every key round-trips whatever its
 * values hold (unicode, quotes, slashes, empty strings). The global scope, which covers all rows,
 * has no columns and the canonical form {@value #GLOBAL_FORM}. In JSON a key is its canonical form.
 */
public final class ScopeKey implements Comparable<ScopeKey>, java.io.Serializable {

  /**
   * Canonical form of the global scope; no other key can produce it because it has no {@code =}.
   */
  public static final String GLOBAL_FORM = "*";

  private static final ScopeKey GLOBAL = new ScopeKey(new TreeMap<>());

  private final SortedMap<String, String> values;
  private final String canonical;

  private ScopeKey(SortedMap<String, String> values) {
    this.values = Collections.unmodifiableSortedMap(values);
    this.canonical = render(values);
  }

  /** The scope of all rows. */
  public static ScopeKey global() {
    return GLOBAL;
  }

  /**
   * A key from column values, in any order.
   *
   * @throws IllegalArgumentException if a column name is blank or a value is null
   */
  public static ScopeKey of(Map<String, String> columnValues) {
    var sorted = new TreeMap<String, String>();
    columnValues.forEach(
        (column, value) -> {
          if (column == null || column.isBlank()) {
            throw new IllegalArgumentException("scope column names must not be blank");
          }
          if (value == null) {
            throw new IllegalArgumentException("scope column '" + column + "' has no value");
          }
          sorted.put(column, value);
        });
    return sorted.isEmpty() ? GLOBAL : new ScopeKey(sorted);
  }

  /** A key with a single column. */
  public static ScopeKey of(String column, String value) {
    return of(Map.of(column, value));
  }

  /**
   * Parses a canonical form produced by {@link #toString()}.
   *
   * @throws IllegalArgumentException if the text is not a canonical scope key
   */
  @JsonCreator
  public static ScopeKey parse(String canonical) {
    Objects.requireNonNull(canonical, "scope");
    if (canonical.equals(GLOBAL_FORM)) {
      return GLOBAL;
    }
    if (canonical.isEmpty()) {
      throw new IllegalArgumentException(
          "empty scope: use '" + GLOBAL_FORM + "' for the global scope");
    }
    var parsed = new TreeMap<String, String>();
    for (String pair : canonical.split(",", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("scope '" + canonical + "' is not column=value[,…]");
      }
      String column = decode(pair.substring(0, eq), canonical);
      if (parsed.put(column, decode(pair.substring(eq + 1), canonical)) != null) {
        throw new IllegalArgumentException("scope '" + canonical + "' repeats column " + column);
      }
    }
    return of(parsed);
  }

  /** The key of {@code row} over {@code columns}, taking each column's value as text. */
  public static ScopeKey fromRow(List<String> columns, Map<String, ?> row) {
    var selected = new TreeMap<String, String>();
    for (String column : columns) {
      Object value = row.get(column);
      if (value == null) {
        throw new IllegalArgumentException("row has no value for scope column '" + column + "'");
      }
      selected.put(column, String.valueOf(value));
    }
    return of(selected);
  }

  /** Column to value, ordered by column name. */
  public SortedMap<String, String> values() {
    return values;
  }

  /** The scope columns, ordered by name. */
  public List<String> columns() {
    return List.copyOf(values.keySet());
  }

  public boolean isGlobal() {
    return values.isEmpty();
  }

  /** The canonical form. */
  @Override
  @JsonValue
  public String toString() {
    return canonical;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ScopeKey key && key.canonical.equals(canonical);
  }

  @Override
  public int hashCode() {
    return canonical.hashCode();
  }

  @Override
  public int compareTo(ScopeKey other) {
    return canonical.compareTo(other.canonical);
  }

  private static String render(SortedMap<String, String> values) {
    if (values.isEmpty()) {
      return GLOBAL_FORM;
    }
    var out = new StringBuilder();
    values.forEach(
        (column, value) -> {
          if (!out.isEmpty()) {
            out.append(',');
          }
          encode(column, out);
          out.append('=');
          encode(value, out);
        });
    return out.toString();
  }

  private static void encode(String text, StringBuilder out) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '%' -> out.append("%25");
        case '=' -> out.append("%3D");
        case ',' -> out.append("%2C");
        default -> out.append(c);
      }
    }
  }

  private static String decode(String text, String whole) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    var out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      String escape = i + 3 <= text.length() ? text.substring(i, i + 3) : "";
      switch (escape) {
        case "%25" -> out.append('%');
        case "%3D" -> out.append('=');
        case "%2C" -> out.append(',');
        default -> throw new IllegalArgumentException("scope '" + whole + "' has a bad escape");
      }
      i += 2;
    }
    return out.toString();
  }
}

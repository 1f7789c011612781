package dev.scopeml.trainer.scoring.input;

import java.util.List;
import java.util.Map;

/**
 * An input as planned at submission.
 *
 * @param columns the input's columns in order
 * @param types each column's type as DuckDB names it ({@code VARCHAR}, {@code BIGINT}, {@code
 *     DOUBLE}, …); text inputs are all {@code VARCHAR}
 * @param rows data rows in the input
 * @param slices the slices, in input order
 * @param key the JDBC key column the slices are ranges of, or null
 */
public record InputPlan(
    List<String> columns, Map<String, String> types, long rows, List<Slice> slices, String key) {

  public InputPlan {
    columns = List.copyOf(columns);
    types = Map.copyOf(types);
    slices = List.copyOf(slices);
  }
}

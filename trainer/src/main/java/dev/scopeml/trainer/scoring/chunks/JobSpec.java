package dev.scopeml.trainer.scoring.chunks;

import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.scoring.input.InputRef;
import dev.scopeml.trainer.scoring.output.Layout;
import dev.scopeml.trainer.scoring.output.OutputRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scoring job as planned and stored in the queue: the request with every default filled in, its
 * input's columns and size, and the versions pinned at submission. Workers of any trainer read it
 * back with each chunk.
 *
 * @param model the model family
 * @param engine the engine that runs it: {@code trainer} or {@code spark}
 * @param input where the rows come from
 * @param inputColumns the input's columns in order (stored apart from their types: a jsonb object
 *     keeps no key order)
 * @param inputTypes the input's columns' types
 * @param key the JDBC key the slices are ranges of, or null
 * @param rows data rows in the input
 * @param chunkRows rows per slice
 * @param missingValues text values read as missing, besides an empty one
 * @param output where the rows go
 * @param layout the output's columns
 * @param scopeBy the model's scope columns
 * @param versions the pinned version of every scope the job scores with, by canonical scope
 * @param maxErrors the limit on rejected rows as requested: a count or a fraction
 */
public record JobSpec(
    String model,
    String engine,
    InputRef input,
    List<String> inputColumns,
    Map<String, String> inputTypes,
    String key,
    long rows,
    int chunkRows,
    Set<String> missingValues,
    OutputRef output,
    Layout layout,
    List<String> scopeBy,
    Map<String, Integer> versions,
    Number maxErrors) {

  public JobSpec {
    inputColumns = List.copyOf(inputColumns);
    inputTypes = Map.copyOf(inputTypes);
    missingValues = Set.copyOf(missingValues);
    scopeBy = List.copyOf(scopeBy);
    versions = new LinkedHashMap<>(versions);
  }

  /** The input's columns and types in the input's order. */
  public Map<String, String> orderedInputTypes() {
    var ordered = new LinkedHashMap<String, String>();
    inputColumns.forEach(column -> ordered.put(column, inputTypes.get(column)));
    return ordered;
  }

  /** The pinned versions by scope key. */
  public Map<ScopeKey, Integer> pinned() {
    var pinned = new LinkedHashMap<ScopeKey, Integer>();
    versions.forEach((scope, version) -> pinned.put(ScopeKey.parse(scope), version));
    return pinned;
  }
}

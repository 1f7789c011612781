package dev.scopeml.modelstore.registry;

import java.util.List;
import java.util.Map;

/**
 * A few holdout rows with the class probabilities the trainer computed for them. Stored with a
 * version so that a loader can check, before serving, that the model it decoded answers exactly as
 * the one that was trained.
 *
 * @param rows raw rows (column to value), as a client would send them
 * @param probabilities per row, the class probabilities in the schema's class order
 */
public record ReferenceSample(List<Map<String, Object>> rows, List<List<Double>> probabilities)
    implements java.io.Serializable {

  public ReferenceSample {
    rows = List.copyOf(rows);
    probabilities = probabilities.stream().map(List::copyOf).toList();
    if (rows.size() != probabilities.size()) {
      throw new IllegalArgumentException("reference sample needs one prediction per row");
    }
  }

  /** No reference rows: nothing to verify against. */
  public static ReferenceSample empty() {
    return new ReferenceSample(List.of(), List.of());
  }
}

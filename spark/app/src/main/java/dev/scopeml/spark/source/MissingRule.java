package dev.scopeml.spark.source;

import dev.scopeml.learning.runs.SourceRef;
import java.io.Serializable;
import java.util.Set;

/**
 * Which text values of a source are missing, as the trainer reads that kind of source: in a CSV an
 * empty field or one of the run's missing values; in a typed source (Parquet, JDBC), whose values
 * arrive as text, a blank value or one of them once trimmed.
 *
 * @param tokens the run's or job's missing values
 * @param trimmed whether values are compared trimmed (typed sources)
 */
public record MissingRule(Set<String> tokens, boolean trimmed) implements Serializable {

  public MissingRule {
    tokens = Set.copyOf(tokens);
  }

  /** The rule for a run's source. */
  public static MissingRule of(SourceRef source, Set<String> tokens) {
    return new MissingRule(tokens, source.csv() == null);
  }

  /** Whether {@code value} is missing. */
  public boolean isMissing(String value) {
    if (value == null) {
      return true;
    }
    String compared = trimmed ? value.trim() : value;
    return compared.isEmpty() || tokens.contains(compared);
  }
}

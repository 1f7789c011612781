package dev.scopeml.learning.runs;

import java.io.Serializable;
import java.util.Set;

/**
 * Which text values of a source are missing, whichever engine reads it: in a CSV an empty field or
 * one of the run's missing values; in a typed source (Parquet, JDBC), whose values arrive as text,
 * a blank value or one of them once trimmed. Serializable: Spark's executors apply it too.
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

  /** {@code value}, or null where it is missing. */
  public String orNull(String value) {
    return isMissing(value) ? null : value;
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

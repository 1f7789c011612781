package dev.scopeml.trainer.sources;

import java.util.Set;

/** The missing-value rule of typed sources (JDBC, Parquet), whose values arrive as text. */
final class SourceValues {

  private SourceValues() {}

  /** {@code value}, or null when it is null, blank, or one of {@code missing} once trimmed. */
  static String orMissing(String value, Set<String> missing) {
    String trimmed = value == null ? "" : value.trim();
    return trimmed.isEmpty() || missing.contains(trimmed) ? null : value;
  }
}

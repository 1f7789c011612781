package dev.scopeml.modelstore.queue;

import java.util.Locale;

/** What a scoring chunk does. */
public enum ChunkKind {
  /** Scores one slice of the input and commits its output. */
  ROWS,
  /**
   * Ends the job once no rows chunk is pending or running: marks the output complete, or names it
   * as partial.
   */
  COMMIT;

  String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static ChunkKind fromDb(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}

package dev.scopeml.modelstore.queue;

import java.util.Locale;

/** How a scoring job ended. */
public enum JobOutcome {
  SUCCEEDED,
  FAILED,
  CANCELLED;

  /** The API's and the database's spelling: {@code succeeded}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static JobOutcome fromDb(String value) {
    return value == null ? null : valueOf(value.toUpperCase(Locale.ROOT));
  }
}

package dev.scopeml.nginx;

/** Progress of a tier operation, for a CLI to print or a test to record. */
@FunctionalInterface
public interface TierEvents {

  void step(String message);

  /** Discards progress. */
  static TierEvents silent() {
    return message -> {};
  }
}

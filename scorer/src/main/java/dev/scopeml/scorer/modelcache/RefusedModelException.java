package dev.scopeml.scorer.modelcache;

/**
 * A stored version the scorer will not serve because it failed verification: its artifact does not
 * match its checksum or cannot be decoded, or it answers the stored reference rows differently.
 * Versions are immutable, so a refusal is final for that version.
 */
final class RefusedModelException extends RuntimeException {

  private final Reason reason;

  RefusedModelException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why a version was refused; the metric label of the refusal. */
  public enum Reason {
    /** Checksum mismatch, truncated or undecodable artifact, or a class outside the allow-list. */
    ARTIFACT,
    /** Reference predictions differ beyond the tolerance. */
    REFERENCE,
    /** The artifact decodes but no predictor can serve it under its schema. */
    UNSUPPORTED;

    /** The label used in metrics and logs. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}

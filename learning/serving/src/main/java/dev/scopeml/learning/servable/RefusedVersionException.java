package dev.scopeml.learning.servable;

import java.util.Locale;

/**
 * A stored version that must not serve: its artifact does not match its checksum or cannot be
 * decoded, or it answers its stored reference rows differently. Versions are immutable, so a
 * refusal is final for that version.
 */
public final class RefusedVersionException extends RuntimeException {

  private final Reason reason;

  RefusedVersionException(Reason reason, RuntimeException cause) {
    super(cause.getMessage(), cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why a version was refused. */
  public enum Reason {
    /** Checksum mismatch, truncated or undecodable artifact, or a class outside the allow-list. */
    ARTIFACT,
    /** Reference predictions differ beyond the tolerance, or cannot be made. */
    REFERENCE,
    /** The artifact decodes but no predictor can serve it under its schema. */
    UNSUPPORTED;

    /** The label used in metrics and logs. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}

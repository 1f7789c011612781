package dev.scopeml.nginx;

/** A tier operation that could not be carried out; the message says why. */
public final class TierException extends RuntimeException {

  public TierException(String message) {
    super(message);
  }

  public TierException(String message, Throwable cause) {
    super(message, cause);
  }
}

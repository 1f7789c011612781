package dev.scopeml.learning.fitting;

/** A scope that is not fitted, and why: too few rows, a single class, no usable feature. */
public final class ScopeSkippedException extends RuntimeException {

  public ScopeSkippedException(String reason) {
    super(reason, null, false, false);
  }

  /** Why the scope was skipped, as the run shows it. */
  public String reason() {
    return getMessage();
  }
}

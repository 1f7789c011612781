package dev.scopeml.scorer.modelcache;

/** A request's scope has no active version and the model has no global scope to fall back to. */
public final class UnknownScopeException extends RuntimeException {

  private final String scope;

  UnknownScopeException(String scope, String message) {
    super(message);
    this.scope = scope;
  }

  /** The canonical form of the scope that was asked for. */
  public String scope() {
    return scope;
  }
}

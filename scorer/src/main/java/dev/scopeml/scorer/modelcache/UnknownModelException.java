package dev.scopeml.scorer.modelcache;

/** A request names a model the registry does not know. */
public final class UnknownModelException extends RuntimeException {

  UnknownModelException(String message) {
    super(message);
  }
}

package dev.scopeml.scorer.modelcache;

/**
 * A scope has an active version but the scorer cannot serve any version of it: the active one was
 * refused and none was loaded before, or it could not be loaded in time. A server-side condition,
 * answered 503 so a load balancer may try another scorer.
 */
public final class ModelUnavailableException extends RuntimeException {

  ModelUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}

package dev.scopeml.scorer.web;

/** A request body that is not declared JSON; answered 415. */
public final class UnsupportedMediaTypeException extends RuntimeException {

  UnsupportedMediaTypeException(String message) {
    super(message);
  }
}

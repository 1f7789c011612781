package dev.scopeml.scorer.web;

/** A request body over the configured limit; answered 413. */
public final class PayloadTooLargeException extends RuntimeException {

  PayloadTooLargeException(String message) {
    super(message);
  }
}

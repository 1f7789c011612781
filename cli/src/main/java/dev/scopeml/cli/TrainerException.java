package dev.scopeml.cli;

/** The trainer refused a request or could not be reached; the message says why. */
final class TrainerException extends RuntimeException {

  TrainerException(String message) {
    super(message);
  }
}

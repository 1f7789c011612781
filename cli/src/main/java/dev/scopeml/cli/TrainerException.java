package dev.scopeml.cli;

/** The trainer refused a request or could not be reached; the message says why. */
final class TrainerException extends RuntimeException {

  /** The trainer's HTTP status, or 0 when it gave none. */
  private final int status;

  TrainerException(String message) {
    this(message, 0);
  }

  TrainerException(String message, int status) {
    super(message);
    this.status = status;
  }

  int status() {
    return status;
  }
}

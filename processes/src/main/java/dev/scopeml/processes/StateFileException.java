package dev.scopeml.processes;

/** A state file holds something that is not a saved state; the message names the file. */
public final class StateFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StateFileException(String message, Throwable cause) {
    super(message, cause);
  }
}

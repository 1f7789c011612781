package dev.scopeml.cli.stack;

/** The local stack cannot do what was asked; the message says why and what to do. */
public final class StackException extends RuntimeException {

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }
}

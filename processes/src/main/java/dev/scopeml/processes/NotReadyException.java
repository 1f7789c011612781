package dev.scopeml.processes;

/**
 * A process never became ready: it exited, or did not answer in time. The message says which, to
 * follow a subject such as "the trainer".
 */
public final class NotReadyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotReadyException(String message) {
    super(message);
  }
}

package dev.scopeml.cli.stack.supervisor;

/**
 * The lines of the supervisor's log that {@code up} and {@code down} show: progress steps and
 * errors, marked so they stand out among the libraries' own log lines.
 */
public final class SupervisorLog {

  /** Marks a progress step. */
  public static final String STEP = "step: ";

  /** Marks an error that ends the start or the stop. */
  public static final String ERROR = "error: ";

  private SupervisorLog() {}

  static void step(String message) {
    System.out.println(STEP + message);
    System.out.flush();
  }

  static void error(String message) {
    System.out.println(ERROR + message);
    System.out.flush();
  }
}

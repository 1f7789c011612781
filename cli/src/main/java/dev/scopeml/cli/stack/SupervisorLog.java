package dev.scopeml.cli.stack;

/**
 * The lines of the supervisor's log that {@code up} and {@code down} show: progress steps and
 * errors, marked so they stand out among the libraries' own log lines.
 */
final class SupervisorLog {

  static final String STEP = "step: ";
  static final String ERROR = "error: ";

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

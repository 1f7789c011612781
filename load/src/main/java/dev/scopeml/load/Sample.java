package dev.scopeml.load;

/**
 * One request of a load run.
 *
 * @param scheduledNanos when it was due ({@link System#nanoTime()}); for a closed-loop run, when it
 *     was sent
 * @param latencyNanos from when it was due to when its response was read, so time spent waiting for
 *     a free connection counts
 * @param answeredAtMillis when the response (or the failure) came, wall clock: comparable with
 *     times the database records
 * @param answer the response, or null when none came
 * @param error why no response came, or null
 * @param resent whether it was sent a second time after its connection closed under it
 */
public record Sample(
    long scheduledNanos,
    long latencyNanos,
    long answeredAtMillis,
    HttpAnswer answer,
    String error,
    boolean resent) {

  /** The HTTP status, or -1 when no response came. */
  public int status() {
    return answer == null ? -1 : answer.status();
  }

  /** Anything but a 200: an error status or no response at all. */
  public boolean failed() {
    return status() != 200;
  }

  /** A response header by name in any case, or null (also when no response came). */
  public String header(String name) {
    return answer == null ? null : answer.header(name);
  }

  /** The response body as text, or why no response came. */
  public String text() {
    return answer == null ? error : answer.text();
  }

  public double latencyMillis() {
    return latencyNanos / 1e6;
  }
}

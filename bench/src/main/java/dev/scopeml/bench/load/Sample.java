package dev.scopeml.bench.load;

/**
 * One request of a load run.
 *
 * @param scheduledNanos when it was due ({@link System#nanoTime()}); for a closed-loop run, when it
 *     was sent
 * @param latencyNanos from when it was due to when its response was read, so time spent waiting for
 *     a free connection counts
 * @param status the HTTP status, or -1 when no response came
 * @param version the value of the header the run watches, or null
 */
public record Sample(long scheduledNanos, long latencyNanos, int status, String version) {

  public boolean failed() {
    return status != 200;
  }

  public double latencyMillis() {
    return latencyNanos / 1e6;
  }
}

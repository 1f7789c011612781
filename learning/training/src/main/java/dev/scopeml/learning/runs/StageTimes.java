package dev.scopeml.learning.runs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task's wall time, lap by lap: each stage (load, split, encode, fit, evaluate, envelope, store)
 * ends with {@link #lap}, and the task's result shows the seconds of each and the total. Not
 * thread-safe: one task, one thread.
 */
public final class StageTimes {

  private final long start = System.nanoTime();
  private final Map<String, Double> seconds = new LinkedHashMap<>();
  private long last = start;

  /** Ends the stage {@code name}; returns its nanoseconds. */
  public long lap(String name) {
    long now = System.nanoTime();
    long took = now - last;
    last = now;
    seconds.merge(name, took / 1e9, Double::sum);
    return took;
  }

  /** Seconds per stage, in the order the stages ended. */
  public Map<String, Double> seconds() {
    return Map.copyOf(seconds);
  }

  /** Seconds since the task began. */
  public double elapsed() {
    return (System.nanoTime() - start) / 1e9;
  }
}

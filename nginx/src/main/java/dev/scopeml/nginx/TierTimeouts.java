package dev.scopeml.nginx;

import java.time.Duration;

/**
 * How long tier operations wait.
 *
 * @param ready for a new backend to answer {@code /readyz}
 * @param drain for old nginx workers to finish their requests after a reload
 * @param stop for a backend to exit gracefully after SIGTERM before it is killed
 */
public record TierTimeouts(Duration ready, Duration drain, Duration stop) {

  public static TierTimeouts defaults() {
    return new TierTimeouts(
        Duration.ofSeconds(120), Duration.ofSeconds(35), Duration.ofSeconds(40));
  }
}

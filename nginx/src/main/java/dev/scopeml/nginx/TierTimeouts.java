package dev.scopeml.nginx;

import java.time.Duration;

/**
 * How long tier operations wait.
 *
 * @param ready for a new backend to answer {@code /readyz}
 * @param settle for nginx to pass a request to a backend that filled a slot: the slot may still be
 *     marked failed (it refused a connect while empty), and is tried again only after the
 *     upstream's fail_timeout
 * @param stop for a backend to exit gracefully after SIGTERM before it is killed
 */
public record TierTimeouts(Duration ready, Duration settle, Duration stop) {

  public static TierTimeouts defaults() {
    return new TierTimeouts(
        Duration.ofSeconds(120),
        UpstreamConfig.FAIL_TIMEOUT.plusSeconds(8),
        Duration.ofSeconds(40));
  }

  /** The defaults, with another wait for readiness. */
  public static TierTimeouts readyWithin(Duration ready) {
    return new TierTimeouts(ready, defaults().settle(), defaults().stop());
  }
}

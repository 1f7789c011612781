package dev.scopeml.nginx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs scorer backends and the load balancer in front of them. The controller's rollout and scaling
 * logic is the same whatever the driver: local processes or containers.
 */
public interface TierDriver {

  /** Starts a backend of {@code release}; returns once it is started, not once it is ready. */
  Backend start(ScorerRelease release);

  /** Whether the backend answers its readiness probe. */
  boolean isReady(Backend backend);

  /** Why the backend is gone, if it is (e.g. "exited with code 1"); empty while it runs. */
  Optional<String> exitReason(Backend backend);

  /** Sends a graceful stop and waits up to {@code grace} for it, then stops it forcibly. */
  void stop(Backend backend, Duration grace);

  /** Starts the load balancer if it is not running, with {@code backends} in its upstream. */
  void ensureBalancer(int listenPort, List<Backend> backends);

  /**
   * Replaces the upstream with {@code backends}, checks the configuration, reloads, and returns
   * once the reload took (new workers are serving).
   *
   * @return the ids of the workers of the previous configuration, still finishing their requests
   */
  Set<Long> applyUpstream(List<Backend> backends);

  /** Waits until the given balancer workers have exited. */
  void awaitWorkersGone(Set<Long> workers, Duration timeout);

  /** Whether the load balancer runs. */
  boolean balancerRunning();

  /** Stops the load balancer gracefully. */
  void stopBalancer();
}

package dev.scopeml.nginx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runs scorer backends in slots and the load balancer in front of the slots. The controller's
 * rollout and scaling logic is the same whatever the driver: local processes or containers.
 */
public interface TierDriver {

  /**
   * The slots of a tier of {@code capacity}: {@code existing} ones kept as they are, new ones
   * added.
   */
  List<Slot> slots(int capacity, List<Slot> existing);

  /**
   * Starts a backend of {@code release} in {@code slot}; returns once it is started, not once it is
   * ready. It takes the slot's traffic only once it is ready: until then its public port is not
   * open.
   */
  Backend start(ScorerRelease release, Slot slot);

  /** Whether the backend answers its readiness probe. */
  boolean isReady(Backend backend);

  /** Why the backend is gone, if it is (e.g. "exited with code 1"); empty while it runs. */
  Optional<String> exitReason(Backend backend);

  /**
   * Sends a graceful stop and waits up to {@code grace} for it, then stops it forcibly. A graceful
   * stop closes the public port first (new connects are refused, so nginx moves on) and finishes
   * the requests in flight.
   */
  void stop(Backend backend, Duration grace);

  /**
   * Makes the load balancer serve {@code door} over {@code slots}: starts it, or reloads it if it
   * runs. The only step that reloads: a change of capacity or of the front door.
   */
  void ensureBalancer(FrontDoor door, List<Slot> slots);

  /**
   * Returns once the load balancer has passed a request to each of {@code backends} and had it
   * answered: nginx then holds no failure against their slots from before they were filled.
   *
   * @throws TierException naming the backends it did not reach within {@code timeout}
   */
  void awaitBalancing(List<Backend> backends, Duration timeout);

  /** Whether the load balancer runs. */
  boolean balancerRunning();

  /** Stops the load balancer gracefully. */
  void stopBalancer();
}

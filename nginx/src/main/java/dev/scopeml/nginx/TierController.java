package dev.scopeml.nginx;

import dev.scopeml.processes.JsonStateFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes which scorers stand behind nginx without failing a request and without touching nginx.
 * nginx's upstream holds a fixed set of slots, the tier's capacity; the controller fills and
 * empties them. A scorer opens its slot's port only once it is ready and warm, and closes it first
 * when it stops; nginx passes a request whose connect was refused to the next slot, which is safe
 * for any request because nothing reached a scorer. So a rollout, a scale within the capacity and
 * the loss of a scorer never reload nginx, and no client connection is ever closed by them. Only a
 * change of capacity or of the front door (its port or TLS files) rewrites nginx's configuration
 * and reloads it.
 *
 * <p>Rollout, one backend at a time: start a new backend in a free slot, wait until it is ready and
 * warm, wait until nginx has passed it a request (through its control listener), then stop one old
 * backend gracefully (it refuses new connections, finishes the requests in flight and exits). A new
 * backend that never becomes ready is stopped, and the old ones keep serving. Every step is saved
 * to the state file before the next one starts.
 */
public final class TierController {

  private final TierDriver driver;
  private final JsonStateFile<TierState> stateFile;
  private final TierTimeouts timeouts;
  private final TierEvents events;

  public TierController(
      TierDriver driver,
      JsonStateFile<TierState> stateFile,
      TierTimeouts timeouts,
      TierEvents events) {
    this.driver = driver;
    this.stateFile = stateFile;
    this.timeouts = timeouts;
    this.events = events;
  }

  /** The slots a tier of {@code replicas} gets: room for a rollout and for scaling up twofold. */
  public static int capacityFor(int replicas) {
    return Math.max(4, 2 * replicas);
  }

  /** The saved state, or an error if the tier was never brought up. */
  public TierState status() {
    return stateFile
        .load()
        .orElseThrow(() -> new TierException("no scorer tier here yet: bring one up first"));
  }

  /** Whether each backend of the tier is ready. */
  public List<BackendStatus> backendStatuses() {
    return status().backends().stream()
        .map(
            backend ->
                new BackendStatus(
                    backend, driver.isReady(backend), driver.exitReason(backend).orElse(null)))
        .toList();
  }

  /** A backend and what it answers now. */
  public record BackendStatus(Backend backend, boolean ready, String exitReason) {}

  /**
   * Brings up nginx on {@code door} and {@code replicas} backends of {@code release}, or adopts a
   * running tier.
   *
   * @throws TierException if a running tier's nginx listens elsewhere than {@code door} asks
   */
  public TierState up(FrontDoor door, ScorerRelease release, int replicas) {
    Optional<TierState> saved = stateFile.load();
    if (saved.isPresent()
        && saved.get().frontDoor() != null
        && saved.get().frontDoor().port() != door.port()
        && driver.balancerRunning()) {
      throw new TierException(
          "the tier's nginx runs on port "
              + saved.get().frontDoor().port()
              + ", not "
              + door.port()
              + ": stop the tier first to move it, or ask for port "
              + saved.get().frontDoor().port());
    }
    TierState state =
        saved
            .orElse(new TierState(door, release, List.of(), List.of()))
            .withFrontDoor(door)
            .withRelease(release);
    List<Backend> alive =
        state.backends().stream().filter(b -> driver.exitReason(b).isEmpty()).toList();
    int capacity = Math.max(state.slots().size(), capacityFor(replicas));
    state = state.withBackends(alive).withSlots(driver.slots(capacity, state.slots()));
    persist(state);
    driver.ensureBalancer(door, state.slots());
    events.step(
        "nginx listens on " + door.url() + " with " + state.slots().size() + " slots for scorers");
    return scale(replicas);
  }

  /** Adds or removes backends of the current release until {@code replicas} run. */
  public TierState scale(int replicas) {
    if (replicas < 1) {
      throw new TierException("a tier needs at least one scorer, not " + replicas);
    }
    TierState state = prune();
    if (replicas > state.slots().size()) {
      state = resize(state, capacityFor(replicas));
    }
    while (state.backends().size() < replicas) {
      Backend added = startReady(state, state.release());
      state = save(state, with(state.backends(), added));
      awaitBalancing(state, added);
    }
    while (state.backends().size() > replicas) {
      state = retire(state, state.backends().getFirst());
    }
    return state;
  }

  /**
   * Gives the tier {@code capacity} slots: rewrites nginx's upstream and reloads it once. Slots are
   * only ever added.
   */
  public TierState resize(int capacity) {
    TierState state = prune();
    if (capacity < state.slots().size()) {
      throw new TierException(
          "a tier's capacity only grows: it has "
              + state.slots().size()
              + " slots, more than the "
              + capacity
              + " asked for");
    }
    return resize(state, capacity);
  }

  /** Takes backends whose process is gone out of the state; their slots refuse connections. */
  public TierState prune() {
    TierState state = status();
    List<Backend> alive =
        state.backends().stream().filter(b -> driver.exitReason(b).isEmpty()).toList();
    if (alive.size() == state.backends().size()) {
      return state;
    }
    state.backends().stream()
        .filter(b -> !alive.contains(b))
        .forEach(
            b -> events.step("dropped " + b.id() + ": " + driver.exitReason(b).orElse("gone")));
    return save(state, alive);
  }

  /** Replaces every backend with one of {@code release}, one at a time. */
  public RolloutResult rollout(ScorerRelease release) {
    long start = System.nanoTime();
    TierState state = prune();
    if (state.slots().size() <= state.backends().size()) {
      state = resize(state, capacityFor(state.backends().size()));
    }
    List<Backend> old = List.copyOf(state.backends());
    int replaced = 0;
    for (Backend previous : old) {
      Backend next;
      try {
        next = startReady(state, release);
      } catch (TierException e) {
        events.step("rollout stopped: " + e.getMessage());
        return new RolloutResult(false, replaced, elapsed(start), e.getMessage());
      }
      state = save(state, with(state.backends(), next));
      try {
        awaitBalancing(state, next);
      } catch (TierException e) {
        state = retire(state, next);
        events.step("rollout stopped: " + e.getMessage());
        return new RolloutResult(false, replaced, elapsed(start), e.getMessage());
      }
      state = retire(state, previous);
      replaced++;
    }
    state = state.withRelease(release);
    persist(state);
    events.step("rollout to " + release.version() + " done: " + replaced + " replaced");
    return new RolloutResult(true, replaced, elapsed(start), null);
  }

  /** Stops every backend and nginx. */
  public void down() {
    Optional<TierState> saved = stateFile.load();
    if (driver.balancerRunning()) {
      driver.stopBalancer();
      events.step("nginx stopped");
    }
    if (saved.isEmpty()) {
      return;
    }
    for (Backend backend : saved.get().backends()) {
      driver.stop(backend, timeouts.stop());
      events.step("stopped " + backend.id());
    }
    persist(saved.get().withBackends(List.of()));
  }

  private TierState resize(TierState state, int capacity) {
    if (capacity <= state.slots().size()) {
      return state;
    }
    int before = state.slots().size();
    state = state.withSlots(driver.slots(capacity, state.slots()));
    persist(state);
    driver.ensureBalancer(state.frontDoor(), state.slots());
    events.step("capacity " + before + " -> " + state.slots().size() + " slots: nginx reloaded");
    return state;
  }

  /**
   * Stops a backend gracefully: it refuses new connections at once (nginx moves on to the other
   * slots), finishes the requests in flight, then exits, which frees its slot. First nginx must
   * have reached each backend that stays.
   */
  private TierState retire(TierState state, Backend backend) {
    List<Backend> remaining = new ArrayList<>(state.backends());
    remaining.remove(backend);
    driver.awaitBalancing(remaining, timeouts.settle());
    state = save(state, remaining);
    driver.stop(backend, timeouts.stop());
    events.step(
        "stopped "
            + backend.id()
            + " ("
            + backend.version()
            + "), slot "
            + backend.slot()
            + " empty");
    return state;
  }

  /** Starts a backend in a free slot and waits until it is ready; stops it if it never is. */
  private Backend startReady(TierState state, ScorerRelease release) {
    Slot slot =
        state
            .freeSlot()
            .orElseThrow(() -> new TierException("no free slot among " + state.slots().size()));
    Backend backend = driver.start(release, slot);
    events.step(
        "started "
            + backend.id()
            + " ("
            + release.version()
            + ") in slot "
            + slot.index()
            + ", waiting until it is ready and warm");
    long deadline = System.nanoTime() + timeouts.ready().toNanos();
    while (!driver.isReady(backend)) {
      Optional<String> exited = driver.exitReason(backend);
      if (exited.isPresent() || System.nanoTime() > deadline) {
        String reason =
            exited
                .map(why -> "new scorer " + backend.id() + " " + why + " before it was ready")
                .orElse(
                    "new scorer "
                        + backend.id()
                        + " was not ready within "
                        + timeouts.ready().toSeconds()
                        + " s");
        driver.stop(backend, Duration.ofSeconds(5));
        throw new TierException(reason);
      }
      sleep(Duration.ofMillis(100));
    }
    return backend;
  }

  /**
   * Waits until nginx has passed a request to {@code added} and to every other backend: nginx tries
   * a slot it found empty again only after its fail_timeout, and until one request to it succeeds
   * it passes the slot by whenever another request is trying it. Only then may another backend
   * leave.
   */
  private void awaitBalancing(TierState state, Backend added) {
    driver.awaitBalancing(state.backends(), timeouts.settle());
    events.step("added " + added.id() + " (" + added.version() + ") in slot " + added.slot());
  }

  private TierState save(TierState state, List<Backend> backends) {
    TierState next = state.withBackends(backends);
    persist(next);
    return next;
  }

  /** Saves the state, and the scorers' operator addresses for Prometheus beside it. */
  private void persist(TierState state) {
    stateFile.save(state);
    ScrapeTargets.write(ScrapeTargets.beside(stateFile.path()), state);
  }

  private static List<Backend> with(List<Backend> backends, Backend added) {
    var out = new ArrayList<>(backends);
    out.add(added);
    return out;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TierException("interrupted", e);
    }
  }
}

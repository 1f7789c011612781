package dev.scopeml.nginx;

import dev.scopeml.processes.JsonStateFile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Changes which scorers stand behind nginx without failing a request. Every step that changes the
 * tier is saved to the state file before the next one starts.
 *
 * <p>Rollout, one backend at a time: start a new backend, wait until it is ready, add it to the
 * upstream and reload (verifying new nginx workers run), remove one old backend and reload, wait
 * until the nginx workers that could still talk to it have exited, then stop it gracefully. A new
 * backend that never becomes ready is stopped and removed, and the old ones keep serving.
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

  /** Brings up nginx and {@code replicas} backends of {@code release}, or adopts a running tier. */
  public TierState up(int listenPort, ScorerRelease release, int replicas) {
    TierState state =
        stateFile.load().orElse(new TierState(listenPort, release, List.of())).withRelease(release);
    List<Backend> alive =
        state.backends().stream().filter(b -> driver.exitReason(b).isEmpty()).toList();
    state = state.withBackends(alive);
    stateFile.save(state);
    driver.ensureBalancer(state.listenPort(), alive);
    events.step("nginx listens on 127.0.0.1:" + state.listenPort());
    return scale(replicas);
  }

  /** Adds or removes backends of the current release until {@code replicas} run. */
  public TierState scale(int replicas) {
    if (replicas < 1) {
      throw new TierException("a tier needs at least one scorer, not " + replicas);
    }
    TierState state = prune();
    while (state.backends().size() < replicas) {
      Backend added = startReady(state.release());
      state = save(state, with(state.backends(), added));
      driver.applyUpstream(state.backends());
      events.step("added " + added.id() + " (" + added.version() + ")");
    }
    while (state.backends().size() > replicas) {
      Backend removed = state.backends().getFirst();
      state = retire(state, removed);
    }
    return state;
  }

  /** Takes backends whose process is gone out of the upstream and the state. */
  public TierState prune() {
    TierState state = status();
    List<Backend> alive =
        state.backends().stream().filter(b -> driver.exitReason(b).isEmpty()).toList();
    if (alive.size() == state.backends().size()) {
      return state;
    }
    driver.applyUpstream(alive);
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
    List<Backend> old = List.copyOf(state.backends());
    int replaced = 0;
    for (Backend previous : old) {
      Backend next;
      try {
        next = startReady(release);
      } catch (TierException e) {
        events.step("rollout stopped: " + e.getMessage());
        return new RolloutResult(false, replaced, elapsed(start), e.getMessage());
      }
      state = save(state, with(state.backends(), next));
      driver.applyUpstream(state.backends());
      events.step("added " + next.id() + " (" + next.version() + ")");
      state = retire(state, previous);
      replaced++;
    }
    state = state.withRelease(release);
    stateFile.save(state);
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
    stateFile.save(saved.get().withBackends(List.of()));
  }

  /** Takes a backend out of the upstream, lets nginx drain it, then stops it gracefully. */
  private TierState retire(TierState state, Backend backend) {
    List<Backend> remaining = new ArrayList<>(state.backends());
    remaining.remove(backend);
    Set<Long> oldWorkers = driver.applyUpstream(remaining);
    state = save(state, remaining);
    events.step("removed " + backend.id() + " from the upstream");
    driver.awaitWorkersGone(oldWorkers, timeouts.drain());
    driver.stop(backend, timeouts.stop());
    events.step("stopped " + backend.id() + " (" + backend.version() + ")");
    return state;
  }

  /** Starts a backend and waits until it is ready; stops it and throws if it never is. */
  private Backend startReady(ScorerRelease release) {
    Backend backend = driver.start(release);
    events.step("started " + backend.id() + " (" + release.version() + "), waiting for /readyz");
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
      sleep();
    }
    return backend;
  }

  private TierState save(TierState state, List<Backend> backends) {
    TierState next = state.withBackends(backends);
    stateFile.save(next);
    return next;
  }

  private static List<Backend> with(List<Backend> backends, Backend added) {
    var out = new ArrayList<>(backends);
    out.add(added);
    return out;
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TierException("interrupted", e);
    }
  }
}

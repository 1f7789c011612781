package dev.scopeml.cli.stack;

import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.LocalTierDriver;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierController;
import dev.scopeml.nginx.TierDriver;
import dev.scopeml.nginx.TierEvents;
import dev.scopeml.nginx.TierState;
import dev.scopeml.nginx.TierTimeouts;
import dev.scopeml.processes.JsonStateFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local stack's scorer tier, opened for one operation: scorer processes behind nginx (or alone,
 * without nginx) and the tier state in the stack directory. Holds the tier lock until closed, so
 * the supervisor's shutdown, {@code scale} and {@code rollout} never change the tier at the same
 * time.
 */
public final class LocalTier implements AutoCloseable {

  /** The scorer release label of a new stack. */
  public static final String FIRST_RELEASE = "release-1";

  /** Scorers a new stack starts. */
  public static final int SCORERS = 2;

  /** The database login of the scorers: a member of the read-only role. */
  public static final String SCORER_LOGIN = "scopeml_scorer";

  private final LockFile lock; // null when only inspecting
  private final JsonStateFile<TierState> stateFile;
  private final TierController controller;
  private final Optional<Path> nginx;

  private LocalTier(LockFile lock, StackPaths paths, TierEvents events) {
    this.lock = lock;
    this.stateFile = TierState.file(paths.tierStateFile());
    this.nginx = NginxProcess.findBinary();
    TierDriver driver =
        nginx
            .<TierDriver>map(
                binary ->
                    new LocalTierDriver(
                        new NginxProcess(binary, paths.nginxPrefix(), 2, "4m"),
                        paths.logs(),
                        events::step))
            .orElseGet(() -> new DirectTierDriver(paths.logs(), events::step));
    this.controller = new TierController(driver, stateFile, TierTimeouts.defaults(), events);
  }

  /** Opens the tier to change it, waiting for another tier operation to finish first. */
  public static LocalTier open(StackPaths paths, TierEvents events, Consumer<String> waiting) {
    return new LocalTier(
        LockFile.acquire(paths.tierLock(), Duration.ofMinutes(15), waiting), paths, events);
  }

  /** Opens the tier to look at it: no lock, so status works while a rollout runs. */
  public static LocalTier inspect(StackPaths paths) {
    return new LocalTier(null, paths, TierEvents.silent());
  }

  public TierController controller() {
    return controller;
  }

  /** Whether nginx is installed, so the scorers stand behind it. */
  public boolean balanced() {
    return nginx.isPresent();
  }

  public Optional<TierState> state() {
    return stateFile.load();
  }

  /** Starts over with no slots or backends, nginx on {@code door} and {@code release} to start. */
  public void reset(FrontDoor door, ScorerRelease release) {
    stateFile.save(new TierState(door, release, List.of(), List.of()));
  }

  @Override
  public void close() {
    if (lock != null) {
      lock.close();
    }
  }
}

package dev.scopeml.processes;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process remembered by pid and start time, and the one way ScopeML stops a process: SIGTERM, a
 * grace period, then SIGKILL. The start time guards against pid reuse: after a reboot or a long
 * time, the pid may name someone else's process, which must never be signalled.
 *
 * @param pid the process id
 * @param startedAt when the process started, as the kernel reports it (null if unknown)
 */
public record ProcessRef(long pid, Instant startedAt) {

  /** Start times read twice from /proc agree to the clock tick; a second is a generous margin. */
  private static final Duration SAME_START = Duration.ofSeconds(1);

  public static ProcessRef of(ProcessHandle process) {
    return new ProcessRef(process.pid(), process.info().startInstant().orElse(null));
  }

  public static ProcessRef of(Process process) {
    return of(process.toHandle());
  }

  public static ProcessRef self() {
    return of(ProcessHandle.current());
  }

  /** The process, if it still runs and is the one that was remembered. */
  public Optional<ProcessHandle> live() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(
            process -> {
              Optional<Instant> start = process.info().startInstant();
              return startedAt == null
                  || start.isEmpty()
                  || Duration.between(startedAt, start.get()).abs().compareTo(SAME_START) <= 0;
            });
  }

  public boolean isAlive() {
    return live().isPresent();
  }

  /**
   * SIGTERM, then up to {@code grace} for the process to exit, then SIGKILL.
   *
   * @return whether it exited within the grace period
   */
  public boolean stop(Duration grace) {
    Optional<ProcessHandle> process = live();
    if (process.isEmpty()) {
      return true;
    }
    process.get().destroy();
    if (awaitExit(process.get(), grace)) {
      return true;
    }
    process.get().destroyForcibly();
    awaitExit(process.get(), Duration.ofSeconds(10));
    return false;
  }

  /** Waits until the process has exited; true if it did within {@code timeout}. */
  public boolean awaitExit(Duration timeout) {
    return live().map(process -> awaitExit(process, timeout)).orElse(true);
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}

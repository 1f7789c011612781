package dev.scopeml.processes;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A process remembered by what cannot change while it runs, and the one way ScopeML stops a
 * process: SIGTERM, a grace period, then SIGKILL. After a reboot or a long time the pid may name
 * someone else's process, which must never be signalled; and a remembered process must never be
 * taken for gone while it runs, or its cleanup would leave it alive.
 *
 * <p>On Linux a process is its pid, its start time in clock ticks since boot (field 22 of {@code
 * /proc/<pid>/stat}) and its command line. The JDK's start instant is boot time plus those ticks,
 * with the boot time derived from the wall clock: it moves whenever the wall clock is adjusted, by
 * NTP or by hand, so it is only compared where the kernel's ticks cannot be read (another OS, or a
 * state file written before they were recorded), within a second.
 *
 * @param pid the process id
 * @param startedAt when the process started, as the JDK reports it (null if unknown)
 * @param startTicks its start in clock ticks since boot (null where {@code /proc} is not readable)
 * @param command its command line as the kernel records it (null if unknown)
 */
public record ProcessRef(long pid, Instant startedAt, Long startTicks, String command) {

  /** Start instants of one process read twice agree to the clock tick; a second is generous. */
  private static final Duration SAME_START = Duration.ofSeconds(1);

  private static final Duration EXIT_POLL = Duration.ofMillis(20);

  /** A process remembered the way state files written before start ticks were recorded it. */
  public ProcessRef(long pid, Instant startedAt) {
    this(pid, startedAt, null, null);
  }

  public static ProcessRef of(ProcessHandle process) {
    long pid = process.pid();
    return new ProcessRef(
        pid,
        process.info().startInstant().orElse(null),
        ProcStat.startTicks(pid).orElse(null),
        ProcStat.commandLine(pid).orElse(null));
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
        .filter(process -> !ProcStat.hasExited(pid))
        .filter(this::isTheOneRemembered);
  }

  public boolean isAlive() {
    return live().isPresent();
  }

  private boolean isTheOneRemembered(ProcessHandle process) {
    Optional<Long> ticks = ProcStat.startTicks(pid);
    if (startTicks != null && ticks.isPresent()) {
      // An exited child not yet reaped shows no command line: its start tick alone names it.
      return startTicks.equals(ticks.get())
          && (command == null || ProcStat.commandLine(pid).map(command::equals).orElse(true));
    }
    Optional<Instant> start = process.info().startInstant();
    return startedAt == null
        || start.isEmpty()
        || Duration.between(startedAt, start.get()).abs().compareTo(SAME_START) <= 0;
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
    if (awaitExit(grace)) {
      return true;
    }
    process.get().destroyForcibly();
    awaitExit(Duration.ofSeconds(10));
    return false;
  }

  /** A readable description for messages: the pid and the start of its command line. */
  public String describe() {
    String shown = Objects.requireNonNullElse(command, "");
    return "pid " + pid + (shown.isEmpty() ? "" : " (" + abbreviate(shown) + ")");
  }

  private static String abbreviate(String text) {
    return text.length() > 120 ? text.substring(0, 120) + "…" : text;
  }

  /**
   * Waits until the process has exited; true if it did within {@code timeout}. Polls rather than
   * waiting on {@link ProcessHandle#onExit()}: the JDK takes a zombie for alive, and an orphan's
   * zombie stays one where init does not reap.
   */
  public boolean awaitExit(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isAlive()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        Thread.sleep(EXIT_POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isAlive();
      }
    }
    return true;
  }
}

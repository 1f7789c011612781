package dev.scopeml.processes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux's {@code /proc} says of a process that cannot change while it runs. Empty where {@code
 * /proc} is not there or not readable (another OS, another user's process).
 */
final class ProcStat {

  /**
   * {@code starttime} is field 22 of {@code /proc/<pid>/stat}; fields after the name start at 3.
   */
  private static final int START_TIME_AFTER_NAME = 22 - 3;

  private ProcStat() {}

  /** The process's start in clock ticks since boot. */
  static Optional<Long> startTicks(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "stat")).flatMap(ProcStat::startTime);
  }

  /** The process's command line, its arguments joined by spaces. */
  static Optional<String> commandLine(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "cmdline"))
        .map(line -> line.replace('\0', ' ').strip())
        .filter(line -> !line.isEmpty());
  }

  /**
   * Whether the process has exited and only waits to be reaped by another process (state Z, or X
   * while it is): a zombie holds nothing but its pid, and reaping an orphan is init's job, which a
   * container's init may never do. A child of this JVM counts as running until the JDK has reaped
   * it, so that {@link Process#isAlive()} agrees once it is reported gone.
   */
  static boolean hasExited(long pid) {
    Optional<String> stat = read(Path.of("/proc", Long.toString(pid), "stat"));
    boolean zombie = stat.flatMap(ProcStat::state).map(s -> s == 'Z' || s == 'X').orElse(false);
    return zombie && stat.flatMap(ProcStat::parentPid).orElse(-1L) != ProcessHandle.current().pid();
  }

  static Optional<Character> state(String stat) {
    int nameEnd = stat.lastIndexOf(')');
    String afterName = nameEnd < 0 ? "" : stat.substring(nameEnd + 1).strip();
    return afterName.isEmpty() ? Optional.empty() : Optional.of(afterName.charAt(0));
  }

  /** Field 4, the parent's pid. */
  static Optional<Long> parentPid(String stat) {
    return field(stat, 1);
  }

  static Optional<Long> startTime(String stat) {
    return field(stat, START_TIME_AFTER_NAME);
  }

  /** The numeric field {@code index} places after the name's closing parenthesis. */
  private static Optional<Long> field(String stat, int index) {
    // The name (field 2) is in parentheses and may itself hold spaces and parentheses.
    int nameEnd = stat.lastIndexOf(')');
    if (nameEnd < 0) {
      return Optional.empty();
    }
    String[] fields = stat.substring(nameEnd + 1).strip().split(" ");
    if (fields.length <= index) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(fields[index]));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.ISO_8859_1));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }
}

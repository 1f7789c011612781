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
   * Whether the process has exited and only waits to be reaped (state Z, or X while it is): a
   * zombie holds nothing but its pid, and reaping an orphan is init's job, which a container's init
   * may never do.
   */
  static boolean hasExited(long pid) {
    return read(Path.of("/proc", Long.toString(pid), "stat"))
        .flatMap(ProcStat::state)
        .map(state -> state == 'Z' || state == 'X')
        .orElse(false);
  }

  static Optional<Character> state(String stat) {
    int nameEnd = stat.lastIndexOf(')');
    String afterName = nameEnd < 0 ? "" : stat.substring(nameEnd + 1).strip();
    return afterName.isEmpty() ? Optional.empty() : Optional.of(afterName.charAt(0));
  }

  static Optional<Long> startTime(String stat) {
    // The name (field 2) is in parentheses and may itself hold spaces and parentheses.
    int nameEnd = stat.lastIndexOf(')');
    if (nameEnd < 0) {
      return Optional.empty();
    }
    String[] fields = stat.substring(nameEnd + 1).strip().split(" ");
    if (fields.length <= START_TIME_AFTER_NAME) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(fields[START_TIME_AFTER_NAME]));
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

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

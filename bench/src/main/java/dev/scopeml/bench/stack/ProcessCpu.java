package dev.scopeml.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from {@code /proc/<pid>/stat}. On a shared machine wall time
 * depends on what else runs; CPU time much less so, which makes it the steadier figure to compare.
 */
public final class ProcessCpu {

  /** Clock ticks per second of {@code /proc} times: 100 on every Linux this runs on. */
  private static final double TICKS = 100;

  private ProcessCpu() {}

  /** User plus system CPU seconds of {@code pid}, including its threads. */
  public static double seconds(long pid) {
    try {
      return fromStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CPU time of process " + pid, e);
    }
  }

  /**
   * CPU seconds of {@code pid} and every process below it (gunicorn's workers under its master),
   * counting only processes alive now.
   */
  public static double treeSeconds(long pid) {
    double total = seconds(pid);
    for (ProcessHandle child :
        ProcessHandle.of(pid).map(p -> p.descendants().toList()).orElse(java.util.List.of())) {
      try {
        total += seconds(child.pid());
      } catch (UncheckedIOException gone) {
        // A worker that exited between listing and reading has nothing more to add.
      }
    }
    return total;
  }

  /** Parses a {@code stat} line: utime and stime are fields 14 and 15, after the command name. */
  static double fromStat(String stat) {
    // The command name is in parentheses and may hold spaces; fields are counted after it.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    long utime = Long.parseLong(fields[11]);
    long stime = Long.parseLong(fields[12]);
    return (utime + stime) / TICKS;
  }
}

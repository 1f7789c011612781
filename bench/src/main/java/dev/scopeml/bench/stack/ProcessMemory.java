package dev.scopeml.bench.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory of a running process: resident set from {@code /proc}, Java heap through jcmd. */
public final class ProcessMemory {

  private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");
  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total[^\\n]*?used (\\d+)K");

  private ProcessMemory() {}

  /** The resident set size in bytes. */
  public static long residentBytes(long pid) {
    try {
      Matcher m = RSS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
      if (!m.find()) {
        throw new IllegalStateException("no VmRSS for process " + pid);
      }
      return Long.parseLong(m.group(1)) * 1024;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the memory of process " + pid, e);
    }
  }

  /**
   * Runs a full collection in a JVM and returns the heap it still uses, in bytes: the live data,
   * not garbage that happens not to be collected yet.
   */
  public static long heapAfterFullGc(long pid) {
    jcmd(pid, "GC.run");
    String info = jcmd(pid, "GC.heap_info");
    long used = heapUsed(info);
    if (used < 0) {
      throw new IllegalStateException("unexpected GC.heap_info output:\n" + info);
    }
    return used;
  }

  /** Parses the heap in use from {@code jcmd GC.heap_info} output, in bytes. */
  static long heapUsed(String info) {
    Matcher m = HEAP_USED.matcher(info);
    return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    try {
      Process process =
          new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
              .redirectErrorStream(true)
              .start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("jcmd " + command + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run jcmd", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}

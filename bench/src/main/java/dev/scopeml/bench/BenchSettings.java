package dev.scopeml.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * What every figure main shares: where its results go, where its scratch files go, and whether this
 * is the quick smoke run ({@code BENCH_QUICK=1}: shorter phases and fewer repeats, numbers only
 * good for seeing that everything runs).
 *
 * @param results the folder of the Markdown sections ({@code bench/target/results})
 * @param work a scratch folder for logs, nginx prefixes and generated data
 * @param quick whether this is the quick smoke run
 */
public record BenchSettings(Path results, Path work, boolean quick) {

  /** From the environment: {@code BENCH_QUICK}, paths under {@code bench/target}. */
  public static BenchSettings fromEnvironment() {
    return new BenchSettings(
        Path.of("bench/target/results"),
        Path.of("bench/target/work"),
        "1".equals(System.getenv("BENCH_QUICK")));
  }

  /**
   * The figure's scratch folder {@code work/<name>}, emptied: a figure run again starts from
   * nothing the last run left (its outputs would otherwise be refused as existing).
   */
  public Path freshWork(String name) throws IOException {
    Path folder = work.resolve(name);
    if (Files.exists(folder)) {
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return Files.createDirectories(folder);
  }

  /** {@code full} normally, {@code quick} in the smoke run. */
  public Duration phase(Duration full, Duration quick) {
    return this.quick ? quick : full;
  }

  /** {@code full} normally, {@code quick} in the smoke run. */
  public int count(int full, int quick) {
    return this.quick ? quick : full;
  }

  /** A line for reports made in the smoke run. */
  public String caveat() {
    return quick
        ? "**Quick smoke run (BENCH_QUICK=1): short phases, few repeats; not for comparison.**"
        : "";
  }
}

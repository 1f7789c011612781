package dev.scopeml.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the ScopeML repository, found from where the JVM runs: Maven runs a module's tests in
 * the module's folder (one or two levels down: {@code trainer}, {@code spark/tests}), the benchmark
 * scripts run their mains from the repository root.
 */
public final class Repository {

  private Repository() {}

  /** The repository root, as a path relative to the working directory. */
  public static Path root() {
    // The launcher script stands only in the root.
    for (Path candidate : new Path[] {Path.of(""), Path.of(".."), Path.of("..", "..")}) {
      if (Files.isRegularFile(candidate.resolve("scopeml"))) {
        return candidate;
      }
    }
    return Path.of("..");
  }

  /** {@code relative} resolved against the root, e.g. {@code datasets/telco_churn.csv}. */
  public static Path file(String relative) {
    return root().resolve(relative).normalize();
  }
}

package dev.scopeml.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files of the ScopeML repository, found from where the JVM runs: Maven runs a module's tests in
 * the module's folder, the benchmark scripts run their mains from the repository root.
 */
public final class Repository {

  private Repository() {}

  /** The repository root, as a path relative to the working directory. */
  public static Path root() {
    // The launcher script stands only in the root.
    return Files.isRegularFile(Path.of("scopeml")) ? Path.of("") : Path.of("..");
  }

  /** {@code relative} resolved against the root, e.g. {@code datasets/telco_churn.csv}. */
  public static Path file(String relative) {
    return root().resolve(relative).normalize();
  }
}

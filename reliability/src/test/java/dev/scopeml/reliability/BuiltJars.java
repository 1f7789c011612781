package dev.scopeml.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The trainer and scorer jars under test, built by their modules earlier in the reactor. Each is
 * copied once per test JVM into this module's target folder, so a rebuild of another module while
 * the suite runs cannot swap or truncate the jar under a running test.
 */
public final class BuiltJars {

  private static Path scorer;
  private static Path trainer;

  private BuiltJars() {}

  public static synchronized Path scorer() {
    if (scorer == null) {
      scorer = copy(Path.of("..", "scorer", "target", "scopeml-scorer.jar"));
    }
    return scorer;
  }

  public static synchronized Path trainer() {
    if (trainer == null) {
      trainer = copy(Path.of("..", "trainer", "target", "scopeml-trainer.jar"));
    }
    return trainer;
  }

  private static Path copy(Path built) {
    if (!Files.isRegularFile(built)) {
      throw new IllegalStateException(
          built + " is missing: build the trainer and scorer modules before this one");
    }
    try {
      Path target = Files.createDirectories(Path.of("target", "jars"));
      Path copy = target.resolve(built.getFileName());
      Files.copy(built, copy, StandardCopyOption.REPLACE_EXISTING);
      return copy.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

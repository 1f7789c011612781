package dev.scopeml.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes temporary folder trees, now or when the JVM exits. */
public final class TemporaryFiles {

  private TemporaryFiles() {}

  /** Deletes {@code folder} and everything in it; what cannot be deleted is left. */
  public static void delete(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }

  /** Deletes {@code folder} when the JVM exits. */
  static void deleteOnExit(Path folder) {
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> delete(folder)));
  }
}

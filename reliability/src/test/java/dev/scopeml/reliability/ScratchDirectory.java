package dev.scopeml.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder under {@code target/reliability/} that starts empty, so nothing of an earlier run (a
 * tier state file, a data directory, an old log) is picked up again.
 */
final class ScratchDirectory {

  private ScratchDirectory() {}

  /** {@code target/reliability/<name>}, emptied and created; absolute. */
  public static Path fresh(String name) {
    Path directory = Path.of("target", "reliability", name).toAbsolutePath();
    try {
      if (Files.exists(directory)) {
        try (Stream<Path> paths = Files.walk(directory)) {
          for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot empty " + directory, e);
    }
  }
}

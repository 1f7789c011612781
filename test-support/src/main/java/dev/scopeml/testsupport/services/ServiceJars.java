package dev.scopeml.testsupport.services;

import dev.scopeml.testsupport.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;

/**
 * The trainer and scorer jars, built by their modules earlier in the reactor (the paths are not
 * checked: a missing jar shows in the log of the process that could not start it).
 */
public final class ServiceJars {

  private static final Map<Path, Path> PINNED = new HashMap<>();

  private ServiceJars() {}

  /** {@code scorer/target/scopeml-scorer.jar}, relative to the working directory. */
  public static Path scorer() {
    return built("scorer", "scopeml-scorer.jar");
  }

  /** {@code trainer/target/scopeml-trainer.jar}, relative to the working directory. */
  public static Path trainer() {
    return built("trainer", "scopeml-trainer.jar");
  }

  /**
   * A copy of {@code jar}, made once per JVM in {@code target/jars}, so that a rebuild of its
   * module while a suite runs cannot swap or truncate the jar under a running test. The copy keeps
   * the jar's modification time, so its AOT cache (made once per jar) outlives the run.
   */
  public static synchronized Path pinned(Path jar) {
    return PINNED.computeIfAbsent(jar, ServiceJars::copy);
  }

  private static Path built(String module, String file) {
    return Repository.file(module + "/target/" + file);
  }

  private static Path copy(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build its module before the tests that run it");
    }
    try {
      Path folder = Files.createDirectories(Path.of("target", "jars"));
      Path copy = folder.resolve(jar.getFileName());
      Files.copy(
          jar, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
      return copy.toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

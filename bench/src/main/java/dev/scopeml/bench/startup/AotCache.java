package dev.scopeml.bench.startup;

import dev.scopeml.processes.JavaCommand;
import dev.scopeml.testsupport.services.ServiceJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scorer laid out for the JDK's AOT cache: the AOT cache only covers classes loaded from the
 * class path by the JDK's own class loaders, not from the nested jars of Spring Boot's packaged
 * jar, so the jar is extracted first ({@code java -Djarmode=tools -jar … extract}: an application
 * jar with its libraries in {@code lib/} on its manifest class path).
 */
final class AotCache {

  private AotCache() {}

  /** Extracts the scorer jar into {@code folder}; returns the extracted application jar. */
  static Path extract(Path folder) {
    var command =
        List.of(
            JavaCommand.java().toString(),
            "-Djarmode=tools",
            "-jar",
            ServiceJars.scorer().toString(),
            "extract",
            "--force",
            "--destination",
            folder.toString());
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("extracting the scorer jar failed:\n" + out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the scorer jar", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    Path jar = folder.resolve(ServiceJars.scorer().getFileName());
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("no " + jar + " after extraction");
    }
    return jar;
  }
}

package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the repository's deployment files in a temporary folder, to break on purpose. The
 * modules' {@code target} folders and the data sets are linked, not copied.
 */
final class DeploymentCopy {

  private static final List<String> COPIED =
      List.of(
          "docker-compose.yml",
          "pom.xml",
          "base-image",
          "nginx/compose",
          "deploy/postgres",
          "deploy/secrets",
          "deploy/tls",
          "trainer/Dockerfile",
          "trainer/pom.xml",
          "scorer/Dockerfile",
          "scorer/pom.xml");
  private static final List<String> LINKED = List.of("trainer/target", "scorer/target", "datasets");

  private final Path root;

  private DeploymentCopy(Path root) {
    this.root = root;
  }

  /** Copies the repository's deployment into {@code folder}. */
  static DeploymentCopy of(Path source, Path folder) {
    try {
      for (String relative : COPIED) {
        copy(source.resolve(relative), folder.resolve(relative));
      }
      for (String relative : LINKED) {
        Files.createDirectories(folder.resolve(relative).getParent());
        Files.createSymbolicLink(folder.resolve(relative), source.resolve(relative));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DeploymentCopy(folder);
  }

  Path root() {
    return root;
  }

  Path file(String relative) {
    return root.resolve(relative);
  }

  /** Replaces {@code text} in a file; the text must be there, so a drifted test fails loudly. */
  DeploymentCopy replace(String relative, String text, String replacement) {
    try {
      Path file = file(relative);
      String content = Files.readString(file);
      assertThat(content).as("%s still contains what the test changes", relative).contains(text);
      Files.writeString(file, content.replace(text, replacement));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every problem every check finds. */
  List<String> problems() {
    Deployment deployment = Deployment.load(root);
    return DeploymentChecks.all().stream()
        .flatMap(check -> check.problems(deployment).stream())
        .toList();
  }

  private static boolean isExample(Path file) {
    return file.getFileName().toString().endsWith(".example");
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    if (Files.isRegularFile(from)) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        if (Files.isRegularFile(file) && from.endsWith("secrets") && !isExample(file)) {
          // Real secrets stay where they are; the checks only look for the examples.
          continue;
        }
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}

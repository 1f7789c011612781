package dev.scopeml.deploy.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A repository whose {@code deploy/kubernetes} is a copy to break on purpose; everything else (the
 * build's outputs, Dockerfiles, compose files) is linked to the real one.
 */
final class ManifestCopy {

  private final Path root;

  private ManifestCopy(Path root) {
    this.root = root;
  }

  /** Links the repository at {@code source} into {@code folder}, copying its manifests. */
  static ManifestCopy of(Path source, Path folder) {
    try {
      link(source, folder, List.of("deploy"));
      link(source.resolve("deploy"), folder.resolve("deploy"), List.of("kubernetes"));
      Path manifests = source.resolve(KubernetesDeployment.DIRECTORY);
      try (Stream<Path> files = Files.walk(manifests)) {
        for (Path file : files.toList()) {
          Path target =
              folder
                  .resolve(KubernetesDeployment.DIRECTORY)
                  .resolve(manifests.relativize(file).toString());
          if (Files.isDirectory(file)) {
            Files.createDirectories(target);
          } else {
            Files.copy(file, target);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ManifestCopy(folder);
  }

  /** Replaces the first {@code old} in the manifest file {@code relative} with {@code new}. */
  ManifestCopy replace(String relative, String old, String replacement) {
    Path file = root.resolve(KubernetesDeployment.DIRECTORY).resolve(relative);
    try {
      String text = Files.readString(file);
      assertThat(text).as("%s holds the text to break", relative).contains(old);
      int at = text.indexOf(old);
      Files.writeString(
          file, text.substring(0, at) + replacement + text.substring(at + old.length()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** What every check finds in the copy. */
  List<String> problems() {
    var deployment = KubernetesDeployment.load(root);
    return ManifestChecks.all().stream().flatMap(c -> c.problems(deployment).stream()).toList();
  }

  private static void link(Path source, Path folder, List<String> except) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> entries = Files.list(source)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (!except.contains(name)) {
          Files.createSymbolicLink(folder.resolve(name), entry);
        }
      }
    }
  }
}

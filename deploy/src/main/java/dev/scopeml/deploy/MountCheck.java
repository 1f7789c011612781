package dev.scopeml.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Mounts: every bind-mounted path exists in the repository (relative, so the file works from any
 * clone) and is mounted read-only; scripts handed to an image's entrypoint are executable (nginx's
 * skips those that are not); named volumes are declared; an app's bind mounts lie inside its data
 * directory.
 */
final class MountCheck implements Check {

  @Override
  public String name() {
    return "mounts";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    for (ComposeService service : deployment.compose().services().values()) {
      String dataDir =
          deployment
              .builtApp(service.name())
              .flatMap(app -> deployment.settings(app).value("scopeml.data-dir"))
              .orElse(null);
      for (ComposeService.Mount mount : service.mounts()) {
        String where = "service " + service.name() + " mounts " + mount.source();
        if (!mount.bind()) {
          if (!deployment.compose().volumes().contains(mount.source())) {
            problems.add(where + ", a volume that is not declared under volumes:");
          }
          continue;
        }
        if (!mount.source().startsWith(".")) {
          problems.add(where + ": use a path relative to docker-compose.yml");
          continue;
        }
        Path source = deployment.compose().directory().resolve(mount.source()).normalize();
        if (!Files.exists(source)) {
          problems.add(where + ", which does not exist in the repository");
          continue;
        }
        if (!mount.readOnly()) {
          problems.add(where + " writable; mount it with :ro");
        }
        for (Path script : scripts(source)) {
          if (!Files.isExecutable(script)) {
            problems.add(
                where
                    + ": "
                    + deployment.root().relativize(script)
                    + " is not executable (git update-index --chmod=+x)");
          }
        }
        if (dataDir != null && !mount.target().startsWith(dataDir + "/")) {
          problems.add(where + " at " + mount.target() + ", outside its data directory " + dataDir);
        }
      }
    }
    return problems;
  }

  private static List<Path> scripts(Path source) {
    if (Files.isRegularFile(source)) {
      return source.toString().endsWith(".sh") ? List.of(source) : List.of();
    }
    try (Stream<Path> files = Files.walk(source)) {
      return files.filter(f -> f.toString().endsWith(".sh")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.scopeml.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A docker-compose.yml: its services, top-level secrets and named volumes. Values are kept as
 * written; {@link Interpolation} resolves variables where a check needs the value.
 */
final class ComposeFile {

  private final Path path;
  private final Map<String, ComposeService> services;
  private final Map<String, String> secretFiles;
  private final List<String> volumes;

  private ComposeFile(
      Path path,
      Map<String, ComposeService> services,
      Map<String, String> secretFiles,
      List<String> volumes) {
    this.path = path;
    this.services = services;
    this.secretFiles = secretFiles;
    this.volumes = volumes;
  }

  /** Reads and parses {@code path}. */
  public static ComposeFile read(Path path) {
    try (Reader reader = Files.newBufferedReader(path)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      if (!(root instanceof Map<?, ?> top)) {
        throw new IllegalArgumentException(path + " is not a YAML mapping");
      }
      Map<String, ComposeService> services = new LinkedHashMap<>();
      YamlTree.map(top.get("services"))
          .forEach(
              (name, definition) ->
                  services.put(name, ComposeService.of(name, YamlTree.map(definition))));
      Map<String, String> secrets = new LinkedHashMap<>();
      YamlTree.map(top.get("secrets"))
          .forEach(
              (name, definition) ->
                  secrets.put(name, YamlTree.string(YamlTree.map(definition).get("file"))));
      List<String> volumes = List.copyOf(YamlTree.map(top.get("volumes")).keySet());
      return new ComposeFile(path, services, secrets, volumes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  public Path path() {
    return path;
  }

  /** The folder relative paths in the file are resolved against. */
  public Path directory() {
    return path.toAbsolutePath().getParent();
  }

  public Map<String, ComposeService> services() {
    return services;
  }

  public Optional<ComposeService> service(String name) {
    return Optional.ofNullable(services.get(name));
  }

  /** Top-level secrets and the file each is read from (null for secrets of another kind). */
  public Map<String, String> secretFiles() {
    return secretFiles;
  }

  /** Top-level named volumes. */
  public List<String> volumes() {
    return volumes;
  }
}

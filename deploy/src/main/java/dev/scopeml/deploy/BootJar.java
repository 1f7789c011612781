package dev.scopeml.deploy;

import dev.scopeml.processes.JavaCommand;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Spring Boot executable jar as the Maven build wrote it: its layers, the configuration it ships,
 * and the configuration properties it and its libraries declare in {@code
 * META-INF/spring-configuration-metadata.json}, which is what the app can actually bind.
 */
public final class BootJar {

  private static final String METADATA = "META-INF/spring-configuration-metadata.json";
  private static final List<String> CONFIG_FILES =
      List.of("application.properties", "application.yaml", "application.yml");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::[^}]*)?}");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * Properties by jar file and its last modification: reading every library's metadata takes
   * seconds, and checks of several copies of a deployment share the same jars.
   */
  private static final Map<String, List<ConfigurationProperty>> PROPERTIES =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path path;

  public BootJar(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  /** The layer names of {@code BOOT-INF/layers.idx}, in order. */
  public List<String> layers() {
    var layers = new ArrayList<String>();
    for (String line : text("BOOT-INF/layers.idx").orElse("").split("\n")) {
      if (line.startsWith("- \"")) {
        layers.add(line.substring(3, line.indexOf('"', 3)));
      }
    }
    return layers;
  }

  /** Whether the jar has an entry of this name. */
  public boolean contains(String entryName) {
    try (var jar = new ZipFile(path.toFile())) {
      return jar.getEntry(entryName) != null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  /** Whether the app's own classes come with configuration metadata. */
  public boolean hasOwnMetadata() {
    return text(METADATA).or(() -> text("BOOT-INF/classes/" + METADATA)).isPresent();
  }

  /** Every property the app and its libraries declare. */
  public List<ConfigurationProperty> properties() {
    return PROPERTIES.computeIfAbsent(identity(), key -> readProperties());
  }

  /** The jar's real path and modification time, which change whenever the build rewrites it. */
  String identity() {
    try {
      return path.toRealPath() + "@" + Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private List<ConfigurationProperty> readProperties() {
    var properties = new ArrayList<ConfigurationProperty>();
    text(METADATA).ifPresent(json -> properties.addAll(parseMetadata(json)));
    text("BOOT-INF/classes/" + METADATA).ifPresent(json -> properties.addAll(parseMetadata(json)));
    try (var jar = new ZipFile(path.toFile())) {
      for (ZipEntry entry : jar.stream().toList()) {
        if (entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar")) {
          nestedText(jar, entry, METADATA)
              .ifPresent(json -> properties.addAll(parseMetadata(json)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return List.copyOf(properties);
  }

  /**
   * The app's own configuration ({@code application.*} in its classes), flattened to property
   * names; profile-specific documents are left out.
   */
  public Map<String, String> configuration() {
    Map<String, String> configuration = new LinkedHashMap<>();
    for (String file : CONFIG_FILES) {
      Optional<String> text = text("BOOT-INF/classes/" + file);
      if (text.isEmpty()) {
        continue;
      }
      if (file.endsWith(".properties")) {
        var properties = new Properties();
        try {
          properties.load(new ByteArrayInputStream(text.get().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        properties.forEach((key, value) -> configuration.put((String) key, (String) value));
      } else {
        for (Object document :
            new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text.get())) {
          Map<String, String> flat = YamlTree.flatten(document);
          if (!flat.containsKey("spring.config.activate.on-profile")) {
            configuration.putAll(flat);
          }
        }
      }
    }
    return configuration;
  }

  /** Names the app's configuration reads through {@code ${NAME}} placeholders. */
  public Set<String> placeholderNames() {
    Set<String> names = new LinkedHashSet<>();
    for (String file : CONFIG_FILES) {
      text("BOOT-INF/classes/" + file)
          .ifPresent(
              text -> {
                var matcher = PLACEHOLDER.matcher(text);
                while (matcher.find()) {
                  names.add(matcher.group(1));
                }
              });
    }
    return names;
  }

  /**
   * Splits the jar as an image build does: {@code java -Djarmode=tools -jar <jar> extract
   * [--layers] --launcher --destination <destination>}, with this JVM's java.
   */
  public void extract(Path destination, boolean layers) {
    var command = new ArrayList<String>();
    command.add(JavaCommand.java().toString());
    command.addAll(List.of("-Djarmode=tools", "-jar", path.toString(), "extract"));
    if (layers) {
      command.add("--layers");
    }
    command.addAll(List.of("--launcher", "--destination", destination.toString()));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("extracting " + path + " did not finish");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("extracting " + path + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while extracting " + path, e);
    }
  }

  private Optional<String> text(String entryName) {
    try (var jar = new ZipFile(path.toFile())) {
      ZipEntry entry = jar.getEntry(entryName);
      if (entry == null) {
        return Optional.empty();
      }
      try (InputStream in = jar.getInputStream(entry)) {
        return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }

  private static Optional<String> nestedText(ZipFile jar, ZipEntry nested, String entryName)
      throws IOException {
    try (var in = new ZipInputStream(jar.getInputStream(nested))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (entry.getName().equals(entryName)) {
          return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return Optional.empty();
  }

  private static List<ConfigurationProperty> parseMetadata(String json) {
    var properties = new ArrayList<ConfigurationProperty>();
    JsonNode root = JSON.readTree(json);
    for (JsonNode property : root.path("properties")) {
      JsonNode defaultValue = property.get("defaultValue");
      properties.add(
          new ConfigurationProperty(
              property.path("name").asString(),
              property.has("type") ? property.get("type").asString() : null,
              defaultValue == null || defaultValue.isNull()
                  ? null
                  : defaultValue.isValueNode()
                      ? defaultValue.asString()
                      : defaultValue.toString()));
    }
    return properties;
  }
}

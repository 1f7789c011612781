package dev.scopeml.deploy;

import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.NginxTemplate;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The compose deployment's nginx configurations: the tier controller's {@code nginx.conf.template}
 * rendered with the values in each {@code nginx/compose/<name>.conf.values} into {@code
 * <name>.conf}. A values file that names {@code tlsCertificate} and {@code tlsKey} renders an HTTPS
 * front door, with the directives the tier controller uses.
 */
public final class NginxComposeConfig {

  private static final String VALUES_SUFFIX = ".conf.values";

  private NginxComposeConfig() {}

  /**
   * One configuration: its values file and the configuration rendered from it.
   *
   * @param values the values file
   * @param config the configuration file beside it
   */
  record Pair(Path values, Path config) {}

  /** Every values file in {@code folder}, with its configuration file. */
  static List<Pair> pairs(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(VALUES_SUFFIX))
          .sorted()
          .map(
              f -> {
                String name = f.getFileName().toString();
                String config = name.substring(0, name.length() - ".values".length());
                return new Pair(f, f.resolveSibling(config));
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The values file, in file order. */
  public static Map<String, String> values(Path file) {
    var properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
    return values;
  }

  /**
   * The template rendered with {@code values}.
   *
   * @throws IllegalArgumentException naming a placeholder that has no value
   */
  public static String render(Map<String, String> values) {
    var all = new LinkedHashMap<>(values);
    String certificate = all.remove("tlsCertificate");
    String key = all.remove("tlsKey");
    FrontDoor door =
        certificate == null && key == null
            ? FrontDoor.http(0)
            : new FrontDoor(0, Path.of(String.valueOf(certificate)), Path.of(String.valueOf(key)));
    all.putAll(NginxTemplate.frontDoorValues(values.getOrDefault("listen", ""), door));
    return NginxTemplate.shipped().render(all);
  }
}

package dev.scopeml.deploy;

import dev.scopeml.nginx.NginxProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The compose deployment's nginx configuration: the tier controller's {@code nginx.conf.template}
 * rendered with the values in {@code nginx/compose/nginx.conf.values}.
 */
final class NginxComposeConfig {

  private static final String TEMPLATE = "nginx.conf.template";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private NginxComposeConfig() {}

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

  /** The template the tier controller renders, from the nginx module's classpath. */
  public static String template() {
    try (InputStream in = NginxProcess.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException(TEMPLATE + " is missing from the nginx module");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code template} with each {@code {{name}}} replaced by its value.
   *
   * @throws IllegalArgumentException naming a placeholder that has no value
   */
  public static String render(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    var out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            "the template's {{" + matcher.group(1) + "}} has no value");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}

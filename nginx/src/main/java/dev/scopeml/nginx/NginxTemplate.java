package dev.scopeml.nginx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tier's {@code nginx.conf.template}: {@code {{name}}} placeholders, rendered by the tier
 * controller for the local tier and, with fixed values, into the compose deployment's nginx.conf. A
 * placeholder alone on its line may stand for several lines (indented like it) or for none (the
 * line goes).
 *
 * <p>The locations that pass predictions to the scorers sit between two marker comments, so that
 * the protection blocks RELIABILITY.md documents can replace them exactly as an operator would.
 */
public final class NginxTemplate {

  static final String PREDICT_BEGIN = "# predict-locations: begin";
  static final String PREDICT_END = "# predict-locations: end";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
  private static final Pattern ALONE = Pattern.compile("^(\\s*)\\{\\{(\\w+)}}\\s*$");

  private final String text;

  private NginxTemplate(String text) {
    this.text = text;
  }

  /** The template as shipped in this module. */
  public static NginxTemplate shipped() {
    try (InputStream in = NginxTemplate.class.getResourceAsStream("nginx.conf.template")) {
      if (in == null) {
        throw new IllegalStateException("nginx.conf.template is missing from the nginx module");
      }
      return new NginxTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The values of {@code {{listen}}} and {@code {{tls}}} for a front door listening on {@code
   * address} ({@code 127.0.0.1:8080}, {@code 8080}): its certificate files make it HTTPS.
   */
  public static Map<String, String> frontDoorValues(String address, FrontDoor door) {
    return Map.of("listen", TlsSettings.listen(address, door), "tls", TlsSettings.directives(door));
  }

  /** The template's text. */
  public String text() {
    return text;
  }

  /**
   * The template with {@code locations} (nginx {@code location} blocks and whatever else a {@code
   * server} block may hold) in place of the predict locations, and {@code http} (directives of the
   * {@code http} block) before the server.
   */
  public NginxTemplate withPredictLocations(String locations, String http) {
    int begin = text.indexOf(PREDICT_BEGIN);
    int end = text.indexOf(PREDICT_END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException("the template has no predict-locations markers");
    }
    int lineStart = text.lastIndexOf('\n', begin) + 1;
    String indent = text.substring(lineStart, begin);
    String replaced =
        text.substring(0, lineStart)
            + indented(locations, indent)
            + text.substring(end + PREDICT_END.length());
    if (http.isBlank()) {
      return new NginxTemplate(replaced);
    }
    int server = replaced.indexOf("\n    server {");
    return new NginxTemplate(
        replaced.substring(0, server + 1)
            + indented(http, "    ")
            + "\n\n"
            + replaced.substring(server + 1));
  }

  /**
   * The configuration for {@code values}.
   *
   * @throws IllegalArgumentException naming a placeholder without a value
   */
  public String render(Map<String, String> values) {
    return text.lines()
            .map(line -> renderLine(line, values))
            .filter(line -> line != null)
            .collect(Collectors.joining("\n"))
        + (text.endsWith("\n") ? "\n" : "");
  }

  private static String renderLine(String line, Map<String, String> values) {
    Matcher alone = ALONE.matcher(line);
    if (alone.matches()) {
      String value = value(values, alone.group(2));
      return value.isBlank() ? null : indented(value.strip(), alone.group(1));
    }
    Matcher matcher = PLACEHOLDER.matcher(line);
    var out = new StringBuilder();
    while (matcher.find()) {
      matcher.appendReplacement(out, Matcher.quoteReplacement(value(values, matcher.group(1))));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  private static String value(Map<String, String> values, String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("the template's {{" + name + "}} has no value");
    }
    return value;
  }

  private static String indented(String block, String indent) {
    return block
        .stripTrailing()
        .lines()
        .map(line -> line.isBlank() ? "" : indent + line.stripTrailing())
        .collect(Collectors.joining("\n"));
  }
}

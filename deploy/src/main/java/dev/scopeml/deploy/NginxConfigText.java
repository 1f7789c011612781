package dev.scopeml.deploy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What a healthcheck or probe may ask of an nginx configuration: the ports it listens on and the
 * paths of its {@code location} blocks, however nginx is run.
 *
 * @param text the configuration
 */
public record NginxConfigText(String text) {

  private static final Pattern LISTEN = Pattern.compile("(?m)^\\s*listen\\s+(?:[^;\\s]*:)?(\\d+)");
  private static final Pattern LOCATION = Pattern.compile("location\\s+(=\\s*)?(/\\S*)\\s*\\{");

  /** The ports it listens on. */
  public List<Integer> listenPorts() {
    return LISTEN.matcher(text).results().map(m -> Integer.parseInt(m.group(1))).toList();
  }

  /** The paths of its prefix and exact {@code location} blocks. */
  public List<String> locations() {
    return LOCATION.matcher(text).results().map(m -> m.group(2)).toList();
  }
}

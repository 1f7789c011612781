package dev.scopeml.deploy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What the checks may ask of an nginx configuration: the ports it listens on, the paths of its
 * {@code location} blocks and the servers of its upstream, however nginx is run.
 *
 * @param text the configuration
 */
public record NginxConfigText(String text) {

  private static final Pattern LISTEN = Pattern.compile("(?m)^\\s*listen\\s+(?:[^;\\s]*:)?(\\d+)");
  private static final Pattern LOCATION = Pattern.compile("location\\s+(=\\s*)?(/\\S*)\\s*\\{");
  private static final Pattern SERVER = Pattern.compile("(?m)^\\s*server\\s+([^:\\s]+):(\\d+)");

  /** The ports it listens on. */
  public List<Integer> listenPorts() {
    return LISTEN.matcher(text).results().map(m -> Integer.parseInt(m.group(1))).toList();
  }

  /** The paths of its prefix and exact {@code location} blocks. */
  public List<String> locations() {
    return LOCATION.matcher(text).results().map(m -> m.group(2)).toList();
  }

  /** The {@code server host:port} lines of an upstream. */
  public List<Server> upstreamServers() {
    return SERVER
        .matcher(text)
        .results()
        .map(m -> new Server(m.group(1), Integer.parseInt(m.group(2))))
        .toList();
  }

  /**
   * One upstream server.
   *
   * @param host its host name or address
   * @param port its port
   */
  public record Server(String host, int port) {}
}

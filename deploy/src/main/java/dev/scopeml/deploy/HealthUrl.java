package dev.scopeml.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The HTTP URLs a healthcheck command requests, with its variables resolved. */
public final class HealthUrl {

  private static final Pattern URL = Pattern.compile("https?://[^\\s\"']+");

  private HealthUrl() {}

  /** The URLs in {@code command}, its variables taken from {@code environment}. */
  public static List<URI> in(String command, Map<String, String> environment) {
    var urls = new ArrayList<URI>();
    var matcher = URL.matcher(Interpolation.resolve(command, environment));
    while (matcher.find()) {
      urls.add(URI.create(matcher.group()));
    }
    return urls;
  }

  /** The port of {@code url}, the scheme's default when it names none. */
  public static int port(URI url) {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return url.getScheme().equals("https") ? 443 : 80;
  }
}

package dev.scopeml.nginx;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which scorer answered a request through the control listener: nginx names every upstream it tried
 * in {@code X-Upstream} ({@code $upstream_addr}), the one that answered last.
 */
final class UpstreamAnswer {

  private static final Pattern STATUS = Pattern.compile("(?m)^\\s*HTTP/1\\.[01] (\\d{3})");
  private static final Pattern UPSTREAM = Pattern.compile("(?im)^\\s*X-Upstream:\\s*(.*?)\\s*$");

  private UpstreamAnswer() {}

  /**
   * The address that answered 200, if it was a 200, from a raw response (or {@code wget -S}'s
   * indented copy of its head).
   */
  static Optional<String> answeredBy(String response) {
    Matcher status = STATUS.matcher(response);
    Matcher upstream = UPSTREAM.matcher(response);
    if (!status.find() || !status.group(1).equals("200") || !upstream.find()) {
      return Optional.empty();
    }
    String[] tried = upstream.group(1).split(",");
    return Optional.of(tried[tried.length - 1].strip());
  }
}

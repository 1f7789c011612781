package dev.scopeml.deploy.kubernetes;

import java.time.Duration;
import java.util.regex.Pattern;

/** Spring Boot's simple duration format ({@code 30s}, {@code 500ms}, {@code 2m}), to compare. */
final class SpringDuration {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private SpringDuration() {}

  /** {@code text} as a duration: a bare number is milliseconds, as Spring reads it. */
  static Duration parse(String text) {
    String trimmed = text.strip();
    if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
      return Duration.parse(trimmed);
    }
    var matcher = SIMPLE.matcher(trimmed);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long amount = Long.parseLong(matcher.group(1));
    String unit = matcher.group(2) == null ? "ms" : matcher.group(2);
    return switch (unit) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> Duration.ofMillis(amount);
    };
  }
}

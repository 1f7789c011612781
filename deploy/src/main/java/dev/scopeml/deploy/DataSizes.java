package dev.scopeml.deploy;

import java.util.regex.Pattern;

/** Sizes as nginx and Spring write them, in bytes, to compare one's limit with the other's. */
public final class DataSizes {

  private DataSizes() {}

  /** nginx sizes: a number with an optional k or m suffix, in units of 1024. */
  public static long nginx(String size) {
    String lower = size.toLowerCase(java.util.Locale.ROOT);
    long factor =
        lower.endsWith("k")
            ? 1024
            : lower.endsWith("m") ? 1024 * 1024 : lower.endsWith("g") ? 1024L * 1024 * 1024 : 1;
    String digits = factor == 1 ? lower : lower.substring(0, lower.length() - 1);
    return Long.parseLong(digits) * factor;
  }

  /** Spring's data sizes: a number with an optional B, KB, MB or GB suffix, in units of 1024. */
  public static long spring(String size) {
    var matcher =
        Pattern.compile("(\\d+)\\s*([KMG]?B)?")
            .matcher(size.strip().toUpperCase(java.util.Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException("not a data size: " + size);
    }
    String unit = matcher.group(2) == null ? "B" : matcher.group(2);
    long factor =
        switch (unit) {
          case "KB" -> 1024;
          case "MB" -> 1024 * 1024;
          case "GB" -> 1024L * 1024 * 1024;
          default -> 1;
        };
    return Long.parseLong(matcher.group(1)) * factor;
  }
}

package dev.scopeml.deploy;

import java.util.regex.Pattern;

/**
 * An image reference, {@code [registry/]repository[:tag][@digest]}, and whether it is pinned: a
 * digest, or a tag that names a release ({@code 18.6-alpine}, {@code 25.0.3_9-jre-noble}) rather
 * than a moving line ({@code latest}, {@code alpine}, {@code 25}).
 *
 * @param repository the repository, registry included
 * @param tag the tag, or null
 * @param digest the digest, or null
 */
public record ImageReference(String repository, String tag, String digest) {

  /** At least major.minor, as the first part of the tag. */
  private static final Pattern RELEASE = Pattern.compile("^v?\\d+\\.\\d+([._\\-+].*)?$");

  /** Splits {@code reference}. */
  public static ImageReference parse(String reference) {
    String rest = reference;
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    // A colon after the last slash separates the tag; one before it belongs to a registry port.
    int colon = rest.lastIndexOf(':');
    String tag = null;
    if (colon > rest.lastIndexOf('/')) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    return new ImageReference(rest, tag, digest);
  }

  /** Whether this reference always names the same image contents (up to rebuilds of a release). */
  public boolean pinned() {
    return digest != null || (tag != null && RELEASE.matcher(tag).matches());
  }

  /** The leading numbers of the tag: {@code 18.6} of {@code 18.6-alpine}. */
  public String version() {
    if (tag == null) {
      return "";
    }
    var matcher = Pattern.compile("^v?(\\d+(?:\\.\\d+)*)").matcher(tag);
    return matcher.find() ? matcher.group(1) : "";
  }
}

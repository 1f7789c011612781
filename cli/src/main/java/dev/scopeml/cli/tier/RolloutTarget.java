package dev.scopeml.cli.tier;

import dev.scopeml.nginx.ScorerRelease;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code rollout --to} names: a new version label for the current scorer artifact, or a new
 * artifact (a scorer jar locally, an image with compose) with its own label.
 */
final class RolloutTarget {

  private RolloutTarget() {}

  /**
   * The release to roll out.
   *
   * @param to a version label, a scorer jar (local) or an image reference (compose)
   * @param version the label for a new artifact; defaults to the jar's name or the image's tag
   * @param current the release the tier runs now, whose settings the new one keeps
   * @param compose whether artifacts are images rather than jars
   */
  static ScorerRelease release(String to, String version, ScorerRelease current, boolean compose) {
    String artifact = compose ? image(to) : jar(to);
    if (artifact == null) {
      if (version != null && !version.equals(to)) {
        throw new IllegalArgumentException(
            "--version names the label of a new "
                + (compose ? "image" : "jar")
                + "; '"
                + to
                + "' is a label already");
      }
      return new ScorerRelease(to, current.artifact(), current.environment(), current.arguments());
    }
    String label = version != null ? version : defaultLabel(artifact, compose);
    return new ScorerRelease(label, artifact, current.environment(), current.arguments());
  }

  /** The absolute path when {@code to} is a jar, else null. */
  private static String jar(String to) {
    Path path = Path.of(to);
    if (to.endsWith(".jar") || Files.isRegularFile(path)) {
      if (!Files.isRegularFile(path)) {
        throw new IllegalArgumentException("scorer jar " + to + " does not exist");
      }
      return path.toAbsolutePath().normalize().toString();
    }
    return null;
  }

  /** {@code to} when it looks like an image reference (registry/name or name:tag), else null. */
  private static String image(String to) {
    return to.contains("/") || to.contains(":") ? to : null;
  }

  private static String defaultLabel(String artifact, boolean compose) {
    if (compose) {
      int colon = artifact.lastIndexOf(':');
      return colon > artifact.lastIndexOf('/') ? artifact.substring(colon + 1) : "latest";
    }
    String name = Path.of(artifact).getFileName().toString();
    return name.substring(0, name.length() - ".jar".length());
  }
}

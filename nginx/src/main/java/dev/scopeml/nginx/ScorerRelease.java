package dev.scopeml.nginx;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run as a scorer: a version label and the artifact that provides it.
 *
 * @param version the label the scorer reports ({@code scopeml.scorer.version})
 * @param artifact the scorer jar (local driver) or image (compose driver)
 * @param environment extra environment variables for the scorer
 * @param arguments extra application arguments
 */
public record ScorerRelease(
    String version, String artifact, Map<String, String> environment, List<String> arguments) {

  public ScorerRelease {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(artifact, "artifact");
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    arguments = arguments == null ? List.of() : List.copyOf(arguments);
  }
}

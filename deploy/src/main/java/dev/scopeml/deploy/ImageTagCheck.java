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
      problems.addAll(ImageRules.pinning("service " + service.name(), image, version));
      if (service.name().equals("base")) {
        baseImage = image;
      }
      problems.addAll(ImageRules.runtimeRelease("service " + service.name(), image, properties));
    }
    var dockerfiles = new ArrayList<>(deployment.dockerfiles().values());
    dockerfiles.add(deployment.baseDockerfile());
    for (Dockerfile dockerfile : dockerfiles) {
      String where = deployment.root().relativize(dockerfile.path()).toString();
      Set<String> stageNames = new HashSet<>();
      for (Dockerfile.Stage stage : dockerfile.stages()) {
        if (!stageNames.contains(stage.image().toLowerCase(java.util.Locale.ROOT))) {
          problems.addAll(ImageRules.pinning(where, stage.image(), version));
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
}

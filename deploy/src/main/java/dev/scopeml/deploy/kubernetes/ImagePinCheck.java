package dev.scopeml.deploy.kubernetes;

import dev.scopeml.deploy.ImageRules;
import io.fabric8.kubernetes.api.model.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Every container's image follows the rules compose's do ({@link ImageRules}): pinned to a release,
 * ScopeML's own tagged with the Maven version and built from this build's jars, PostgreSQL and
 * Kafka the releases the build tests.
 */
final class ImagePinCheck implements ManifestCheck {

  @Override
  public String name() {
    return "image tags";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    String version = deployment.images().parentPom().version().replace("-SNAPSHOT", "");
    Map<String, String> properties = deployment.images().parentPom().properties();
    for (RenderedOverlay overlay : deployment.overlays()) {
      for (RenderedOverlay.Workload workload : overlay.workloads()) {
        var spec = workload.template().getSpec();
        for (Container container :
            Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream())
                .toList()) {
          String where = Where.container(overlay, workload, container);
          if (container.getImage() == null) {
            problems.add(where + " names no image");
            continue;
          }
          problems.addAll(ImageRules.pinning(where, container.getImage(), version));
          problems.addAll(ImageRules.runtimeRelease(where, container.getImage(), properties));
          if (container.getImage().startsWith("scopeml/") && deployment.app(container).isEmpty()) {
            problems.add(
                where
                    + " runs "
                    + container.getImage()
                    + ", which is no image of the build (or its jar is not built)");
          }
        }
      }
    }
    return problems;
  }
}

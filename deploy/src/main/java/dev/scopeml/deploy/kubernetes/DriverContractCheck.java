package dev.scopeml.deploy.kubernetes;

import dev.scopeml.nginx.kubernetes.KubernetesTier;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code scopeml rollout|scale|status --driver kubernetes} patches and reads is in every
 * overlay: the scorer Deployment in the driver's default namespace, its scorer container running
 * the scorer image, and the version variable the driver sets with each new image.
 */
final class DriverContractCheck implements ManifestCheck {

  @Override
  public String name() {
    return "kubernetes tier driver";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    for (RenderedOverlay overlay : deployment.overlays()) {
      var scorer = Scorers.deployment(overlay);
      if (scorer.isEmpty()) {
        problems.add(
            "overlay "
                + overlay.name()
                + " has no Deployment "
                + KubernetesTier.DEFAULT_DEPLOYMENT
                + ", which the kubernetes driver rolls out and scales");
        continue;
      }
      String where = Where.object(overlay, "Deployment", KubernetesTier.DEFAULT_DEPLOYMENT);
      if (!KubernetesTier.DEFAULT_NAMESPACE.equals(scorer.get().getMetadata().getNamespace())) {
        problems.add(
            where
                + " lives in namespace "
                + scorer.get().getMetadata().getNamespace()
                + ", not "
                + KubernetesTier.DEFAULT_NAMESPACE
                + ", where the driver looks by default");
      }
      var container = Scorers.container(scorer.get());
      if (container.isEmpty()) {
        problems.add(
            where + " has no container " + KubernetesTier.CONTAINER + " for the driver to patch");
        continue;
      }
      var app = deployment.app(container.get());
      if (app.isEmpty() || !app.get().service().name().equals("scorer")) {
        problems.add(where + " runs " + container.get().getImage() + ", not the scorer image");
      }
      if (container.get().getEnv().stream()
          .noneMatch(e -> e.getName().equals(KubernetesTier.VERSION_VARIABLE))) {
        problems.add(
            where
                + " does not set "
                + KubernetesTier.VERSION_VARIABLE
                + ", the release label the driver changes with the image");
      }
    }
    return problems;
  }
}

package dev.scopeml.deploy.kubernetes;

import dev.scopeml.nginx.kubernetes.KubernetesTier;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.Optional;

/**
 * The scorer Deployment of an overlay, as the kubernetes tier driver names it, and the Kafka
 * partition count its autoscaling is capped at.
 */
final class Scorers {

  private Scorers() {}

  /** The Deployment the kubernetes driver rolls out and scales. */
  static Optional<Deployment> deployment(RenderedOverlay overlay) {
    return overlay.find(Deployment.class, KubernetesTier.DEFAULT_DEPLOYMENT);
  }

  /** Its scorer container. */
  static Optional<Container> container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(KubernetesTier.CONTAINER))
        .findFirst();
  }

  /** The workload view of the scorer Deployment. */
  static Optional<RenderedOverlay.Workload> workload(RenderedOverlay overlay) {
    return overlay.workloads().stream()
        .filter(
            w ->
                w.kind().equals("Deployment") && w.name().equals(KubernetesTier.DEFAULT_DEPLOYMENT))
        .findFirst();
  }

  /**
   * The partitions the in-cluster Kafka creates topics with ({@code KAFKA_NUM_PARTITIONS} of the
   * local overlay's broker), which bounds how many scorers can consume.
   */
  static Optional<Integer> partitions(KubernetesDeployment deployment) {
    return deployment.overlays().stream()
        .flatMap(o -> o.all(StatefulSet.class).stream())
        .flatMap(s -> s.getSpec().getTemplate().getSpec().getContainers().stream())
        .flatMap(c -> c.getEnv().stream())
        .filter(e -> e.getName().equals("KAFKA_NUM_PARTITIONS"))
        .map(EnvVar::getValue)
        .map(Integer::parseInt)
        .findFirst();
  }
}

package dev.scopeml.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The objects one overlay renders to.
 *
 * @param name the overlay's folder name ({@code local}, {@code production})
 * @param objects every object, typed where fabric8's model knows its kind
 */
public record RenderedOverlay(String name, List<HasMetadata> objects) {

  /**
   * A Deployment or StatefulSet: what runs pods.
   *
   * @param kind its kind
   * @param name its name
   * @param template its pod template
   * @param selector its selector's labels
   */
  record Workload(
      String kind, String name, PodTemplateSpec template, Map<String, String> selector) {

    /** Whether {@code labels} select this workload's pods. */
    boolean podsMatch(Map<String, String> labels) {
      Map<String, String> podLabels = template.getMetadata().getLabels();
      return podLabels != null && podLabels.entrySet().containsAll(labels.entrySet());
    }
  }

  /** Every object of {@code type}. */
  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The object of {@code type} named {@code name}. */
  <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
    return all(type).stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
  }

  /**
   * The ConfigMap kustomize generated from {@code name}: generated names carry a content hash
   * suffix ({@code nginx-dc4957tdt6}).
   */
  Optional<ConfigMap> configMap(String name) {
    return generated(ConfigMap.class, name);
  }

  /** The Secret kustomize generated from {@code name}, or one named so. */
  Optional<Secret> secret(String name) {
    return generated(Secret.class, name);
  }

  /** Every Deployment and StatefulSet. */
  List<Workload> workloads() {
    var deployments =
        all(Deployment.class).stream()
            .map(
                d ->
                    new Workload(
                        "Deployment",
                        d.getMetadata().getName(),
                        d.getSpec().getTemplate(),
                        d.getSpec().getSelector().getMatchLabels()));
    var statefulSets =
        all(StatefulSet.class).stream()
            .map(
                s ->
                    new Workload(
                        "StatefulSet",
                        s.getMetadata().getName(),
                        s.getSpec().getTemplate(),
                        s.getSpec().getSelector().getMatchLabels()));
    return java.util.stream.Stream.concat(deployments, statefulSets).toList();
  }

  /** The Service named {@code name}. */
  Optional<Service> service(String name) {
    return find(Service.class, name);
  }

  private <T extends HasMetadata> Optional<T> generated(Class<T> type, String name) {
    return all(type).stream()
        .filter(
            o ->
                o.getMetadata().getName().equals(name)
                    || o.getMetadata()
                        .getName()
                        .matches(java.util.regex.Pattern.quote(name) + "-[a-z0-9]{10}"))
        .findFirst();
  }
}

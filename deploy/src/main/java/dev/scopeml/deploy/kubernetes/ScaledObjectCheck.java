package dev.scopeml.deploy.kubernetes;

import dev.scopeml.nginx.kubernetes.KubernetesTier;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The KEDA component's ScaledObject scales the scorer Deployment on the lag of the scorers' own
 * consumer group and requests topic, and never beyond the topic's partitions.
 */
final class ScaledObjectCheck implements ManifestCheck {

  @Override
  public String name() {
    return "KEDA ScaledObject";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    var scaledObjects =
        deployment.keda().stream()
            .filter(o -> o.getKind().equals("ScaledObject"))
            .map(GenericKubernetesResource.class::cast)
            .toList();
    if (scaledObjects.isEmpty()) {
      return List.of(KubernetesDeployment.KEDA + " holds no ScaledObject");
    }
    var local =
        deployment.overlays().stream().filter(o -> Scorers.deployment(o).isPresent()).findFirst();
    var scorer = local.flatMap(Scorers::deployment).flatMap(Scorers::container);
    var settings = scorer.flatMap(c -> deployment.app(c).map(a -> deployment.settings(a, c)));
    var partitions = Scorers.partitions(deployment);
    for (GenericKubernetesResource scaled : scaledObjects) {
      String where = KubernetesDeployment.KEDA + ": ScaledObject " + scaled.getMetadata().getName();
      Map<String, Object> spec = map(scaled.getAdditionalProperties().get("spec"));
      Map<String, Object> target = map(spec.get("scaleTargetRef"));
      if (!KubernetesTier.DEFAULT_DEPLOYMENT.equals(target.get("name"))
          || !"Deployment".equals(target.getOrDefault("kind", "Deployment"))) {
        problems.add(where + " scales " + target + ", not the scorer Deployment");
      }
      Object max = spec.get("maxReplicaCount");
      if (partitions.isPresent() && (max == null || ((Number) max).intValue() > partitions.get())) {
        problems.add(
            where
                + " scales up to "
                + max
                + " scorers, more than the "
                + partitions.get()
                + " partitions: the extra ones would get none");
      }
      for (Object trigger : (List<?>) spec.getOrDefault("triggers", List.of())) {
        Map<String, Object> metadata = map(map(trigger).get("metadata"));
        settings.ifPresent(
            s -> {
              String group = s.value("scopeml.scorer.kafka.group-id").orElse("");
              String topic = s.value("scopeml.scorer.kafka.requests-topic").orElse("");
              if (!group.equals(metadata.get("consumerGroup"))) {
                problems.add(
                    where
                        + " watches group "
                        + metadata.get("consumerGroup")
                        + " but the scorers consume as "
                        + group);
              }
              if (!topic.equals(metadata.get("topic"))) {
                problems.add(
                    where
                        + " watches topic "
                        + metadata.get("topic")
                        + " but the scorers consume "
                        + topic);
              }
            });
      }
    }
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }
}

package dev.scopeml.deploy.kubernetes;

import dev.scopeml.nginx.kubernetes.KubernetesTier;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labels and selectors agree: each workload selects its own pods, each Service and NetworkPolicy
 * selects pods some workload runs, the PodDisruptionBudget selects the scorers and the
 * HorizontalPodAutoscaler scales the scorer Deployment, no further than the Kafka partitions.
 */
final class SelectorCheck implements ManifestCheck {

  @Override
  public String name() {
    return "labels and selectors";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    var partitions = Scorers.partitions(deployment);
    for (RenderedOverlay overlay : deployment.overlays()) {
      var workloads = overlay.workloads();
      for (RenderedOverlay.Workload workload : workloads) {
        if (workload.selector() == null
            || workload.selector().isEmpty()
            || !workload.podsMatch(workload.selector())) {
          problems.add(
              Where.object(overlay, workload.kind(), workload.name())
                  + " selects "
                  + workload.selector()
                  + ", which its own pod template's labels do not carry");
        }
      }
      for (Service service : overlay.all(Service.class)) {
        Map<String, String> selector = service.getSpec().getSelector();
        if (selector != null && workloads.stream().noneMatch(w -> w.podsMatch(selector))) {
          problems.add(
              Where.object(overlay, "Service", service.getMetadata().getName())
                  + " selects "
                  + selector
                  + ", which no pod of the overlay carries");
        }
      }
      for (NetworkPolicy policy : overlay.all(NetworkPolicy.class)) {
        Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
        if (selector != null
            && !selector.isEmpty()
            && workloads.stream().noneMatch(w -> w.podsMatch(selector))) {
          problems.add(
              Where.object(overlay, "NetworkPolicy", policy.getMetadata().getName())
                  + " applies to "
                  + selector
                  + ", which no pod of the overlay carries");
        }
      }
      var scorer = Scorers.workload(overlay);
      if (scorer.isEmpty()) {
        problems.add(
            "overlay "
                + overlay.name()
                + " has no Deployment "
                + KubernetesTier.DEFAULT_DEPLOYMENT);
        continue;
      }
      var budgets = overlay.all(PodDisruptionBudget.class);
      if (budgets.stream()
          .noneMatch(b -> scorer.get().podsMatch(b.getSpec().getSelector().getMatchLabels()))) {
        problems.add("overlay " + overlay.name() + ": no PodDisruptionBudget selects the scorers");
      }
      for (PodDisruptionBudget budget : budgets) {
        Map<String, String> selector = budget.getSpec().getSelector().getMatchLabels();
        if (workloads.stream().noneMatch(w -> w.podsMatch(selector))) {
          problems.add(
              Where.object(overlay, "PodDisruptionBudget", budget.getMetadata().getName())
                  + " selects "
                  + selector
                  + ", which no pod carries");
        }
      }
      for (HorizontalPodAutoscaler autoscaler : overlay.all(HorizontalPodAutoscaler.class)) {
        var target = autoscaler.getSpec().getScaleTargetRef();
        String where =
            Where.object(overlay, "HorizontalPodAutoscaler", autoscaler.getMetadata().getName());
        if (!"Deployment".equals(target.getKind())
            || !KubernetesTier.DEFAULT_DEPLOYMENT.equals(target.getName())) {
          problems.add(
              where
                  + " scales "
                  + target.getKind()
                  + " "
                  + target.getName()
                  + ", not the scorer Deployment");
        }
        if (partitions.isPresent() && autoscaler.getSpec().getMaxReplicas() > partitions.get()) {
          problems.add(
              where
                  + " scales up to "
                  + autoscaler.getSpec().getMaxReplicas()
                  + " scorers, more than the "
                  + partitions.get()
                  + " Kafka partitions (KAFKA_NUM_PARTITIONS): the extra ones would get none");
        }
      }
    }
    return problems;
  }
}

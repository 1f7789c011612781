package dev.scopeml.nginx.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * The scorer Deployment as the API server reports it.
 *
 * @param namespace its namespace
 * @param deployment its name
 * @param image the scorer image of its template
 * @param version the release label of its template, or null
 * @param desired replicas asked for
 * @param updated replicas running the template
 * @param ready replicas whose readiness probe passes
 * @param available replicas ready for at least minReadySeconds
 * @param rollout where its latest rollout stands
 * @param pods its pods
 */
public record KubernetesTierStatus(
    String namespace,
    String deployment,
    String image,
    String version,
    int desired,
    int updated,
    int ready,
    int available,
    String rollout,
    List<PodState> pods) {

  /** Whether every replica asked for runs the template and is available. */
  public boolean healthy() {
    return desired > 0 && updated == desired && available == desired;
  }

  /**
   * A scorer pod.
   *
   * @param name its name
   * @param image the image its scorer container runs
   * @param ready whether it is ready
   * @param restarts its containers' restarts
   * @param problem why it does not come up, or null
   */
  public record PodState(String name, String image, boolean ready, int restarts, String problem) {

    static PodState of(Pod pod) {
      var statuses =
          pod.getStatus() == null
              ? List.<ContainerStatus>of()
              : pod.getStatus().getContainerStatuses();
      String image =
          pod.getSpec().getContainers().stream()
              .filter(c -> c.getName().equals(KubernetesTier.CONTAINER))
              .map(c -> c.getImage())
              .findFirst()
              .orElse("");
      boolean ready =
          pod.getStatus() != null
              && pod.getStatus().getConditions().stream()
                  .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
      int restarts =
          statuses.stream()
              .mapToInt(s -> s.getRestartCount() == null ? 0 : s.getRestartCount())
              .sum();
      return new PodState(
          pod.getMetadata().getName(),
          image,
          ready,
          restarts,
          PodProblems.describe(pod).orElse(null));
    }
  }
}

package dev.scopeml.nginx.kubernetes;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;

/**
 * Where a Deployment's rollout stands, read from its status the way {@code kubectl rollout status}
 * reads it: the controller must have observed the latest spec; a Progressing condition with reason
 * {@code ProgressDeadlineExceeded} means it stalled; otherwise it is done once every replica is
 * updated, no old one is left and every updated one is available.
 *
 * @param state done, still going, or failed
 * @param message what it waits for, or why it failed
 * @param updated replicas running the latest template
 */
record RolloutProgress(State state, String message, int updated) {

  /** How a rollout stands. */
  enum State {
    DONE,
    WAITING,
    FAILED
  }

  static final String DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  static RolloutProgress of(Deployment deployment) {
    String name = deployment.getMetadata().getName();
    DeploymentStatus status =
        deployment.getStatus() == null ? new DeploymentStatus() : deployment.getStatus();
    int updated = count(status.getUpdatedReplicas());
    Long generation = deployment.getMetadata().getGeneration();
    Long observed = status.getObservedGeneration();
    if (generation != null && (observed == null || observed < generation)) {
      return new RolloutProgress(
          State.WAITING, "waiting for the controller to observe the new spec", updated);
    }
    for (DeploymentCondition condition : status.getConditions()) {
      if ("Progressing".equals(condition.getType())
          && DEADLINE_EXCEEDED.equals(condition.getReason())) {
        return new RolloutProgress(
            State.FAILED,
            "deployment "
                + name
                + " exceeded its progress deadline ("
                + deployment.getSpec().getProgressDeadlineSeconds()
                + " s without progress)",
            updated);
      }
    }
    int desired = count(deployment.getSpec().getReplicas());
    int total = count(status.getReplicas());
    int available = count(status.getAvailableReplicas());
    if (updated < desired) {
      return new RolloutProgress(
          State.WAITING, updated + " of " + desired + " new replicas updated", updated);
    }
    if (total > updated) {
      return new RolloutProgress(
          State.WAITING, (total - updated) + " old replicas pending termination", updated);
    }
    if (available < updated) {
      return new RolloutProgress(
          State.WAITING, available + " of " + updated + " updated replicas available", updated);
    }
    return new RolloutProgress(
        State.DONE, "rolled out: " + available + " of " + desired + " replicas available", updated);
  }

  private static int count(Integer value) {
    return value == null ? 0 : value;
  }
}

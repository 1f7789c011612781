package dev.scopeml.nginx.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a pod does not come up, in the words a container status gives: a container waiting for a
 * reason that will not pass by itself ({@code CrashLoopBackOff}, {@code ImagePullBackOff}, …) or
 * one that exited with an error and was restarted.
 */
final class PodProblems {

  /** Waiting reasons that do not go away without a change. */
  static final Set<String> FAILING =
      Set.of(
          "CrashLoopBackOff",
          "ImagePullBackOff",
          "ErrImagePull",
          "InvalidImageName",
          "CreateContainerConfigError",
          "CreateContainerError",
          "RunContainerError");

  private PodProblems() {}

  /** What is wrong with {@code pod}, if anything, naming it. */
  static Optional<String> of(Pod pod) {
    return describe(pod).map(problem -> "pod " + pod.getMetadata().getName() + ": " + problem);
  }

  /** What is wrong with {@code pod}'s containers, if anything. */
  static Optional<String> describe(Pod pod) {
    if (pod.getStatus() == null) {
      return Optional.empty();
    }
    List<String> problems = new ArrayList<>();
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      var state = container.getState();
      var last = container.getLastState();
      if (state != null
          && state.getWaiting() != null
          && FAILING.contains(state.getWaiting().getReason())) {
        String detail = "container " + container.getName() + " " + state.getWaiting().getReason();
        if (state.getWaiting().getMessage() != null) {
          detail += " (" + state.getWaiting().getMessage() + ")";
        }
        if (last != null && last.getTerminated() != null) {
          detail += ", last exit code " + last.getTerminated().getExitCode();
        }
        problems.add(detail + ", " + container.getRestartCount() + " restarts");
      } else if (state != null
          && state.getTerminated() != null
          && state.getTerminated().getExitCode() != null
          && state.getTerminated().getExitCode() != 0) {
        problems.add(
            "container "
                + container.getName()
                + " exited with code "
                + state.getTerminated().getExitCode()
                + ", "
                + container.getRestartCount()
                + " restarts");
      }
    }
    return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
  }
}

package dev.scopeml.nginx;

import java.util.Optional;

/** A container's state as {@code inspect -f '{{.State.Status}} {{.State.ExitCode}}'} tells it. */
final class ContainerState {

  private ContainerState() {}

  /** Why the container is gone, if it is; empty while it is created or running. */
  static Optional<String> exitReason(CommandRunner.Result inspect, String container) {
    if (inspect.exitCode() != 0) {
      return Optional.of("container " + container + " is gone");
    }
    String[] state = inspect.output().strip().split(" ");
    return state[0].equals("running") || state[0].equals("created")
        ? Optional.empty()
        : Optional.of("container " + state[0] + " with code " + state[state.length - 1]);
  }
}

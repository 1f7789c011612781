package dev.scopeml.cli.tier;

import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.TierState;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scopeml scale --replicas N}: adds or removes scorers of the current release. */
@Command(
    name = "scale",
    mixinStandardHelpOptions = true,
    description = {
      "Add or remove scorers behind nginx, one at a time, without failing a request and without"
          + " reloading nginx while they fit its slots.",
      "New scorers take traffic once ready and warm; removed ones refuse new connections,"
          + " finish their requests, then stop.",
      "With --driver kubernetes: sets the scorer Deployment's replicas and waits until that many"
          + " are available (refused while a HorizontalPodAutoscaler owns them)."
    })
public final class ScaleCommand implements Callable<Integer> {

  @Mixin TierOptions tier;

  @Option(names = "--replicas", required = true, description = "Scorers to run (at least 1).")
  int replicas;

  @Option(
      names = "--capacity",
      description =
          "Slots for scorers in nginx's upstream (default: kept, and grown to twice the replicas"
              + " when they do not fit; it only grows). Growing it reloads nginx once; scaling"
              + " within it never does.")
  Integer capacity;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (replicas < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--replicas must be at least 1, not " + replicas);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (tier.driver == TierOptions.Driver.kubernetes) {
      return kubernetes(out);
    }
    try (var open = tier.change(StackPaths.current(), new StepPrinter(out), out)) {
      TierState after;
      if (tier.driver == TierOptions.Driver.compose && open.stateFile().load().isEmpty()) {
        // First use on a compose project: the controller starts its own scorers and points nginx
        // at them; from then on it owns the tier.
        var release = TierOptions.composeRelease();
        out.printf(
            "The controller takes over the scorers of the %s: %d of %s (%s)%n",
            open.name(), replicas, release.version(), release.artifact());
        out.flush();
        after =
            open.controller().up(FrontDoor.http(TierOptions.composeHttpPort()), release, replicas);
      } else {
        TierState before = open.controller().status();
        out.printf(
            "Scaling the %s from %d to %d scorers of %s%n",
            open.name(), before.backends().size(), replicas, before.release().version());
        out.flush();
        if (capacity != null) {
          open.controller().resize(capacity);
        }
        after = open.controller().scale(replicas);
      }
      out.printf(
          "The %s runs %d scorers of %s in %d slots.%n",
          open.name(), after.backends().size(), after.release().version(), after.slots().size());
      out.flush();
      return 0;
    }
  }

  private Integer kubernetes(PrintWriter out) {
    if (capacity != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--capacity sizes nginx's slots for the local and compose drivers; with kubernetes nginx"
              + " balances over the scorers' Service and has no slots");
    }
    PrintWriter err = spec.commandLine().getErr();
    try (var open = tier.kubernetes.open(new StepPrinter(out))) {
      var before = open.tier().status();
      out.printf(
          "Scaling Deployment %s (namespace %s) from %d to %d scorers of %s%n",
          before.deployment(), before.namespace(), before.desired(), replicas, before.image());
      out.flush();
      var result = open.tier().scale(replicas);
      if (!result.succeeded()) {
        err.printf("Scaling to %d failed: %s%n", replicas, result.failure());
        err.flush();
        return 1;
      }
      out.printf("Deployment %s runs %d scorers.%n", before.deployment(), replicas);
      out.flush();
      return 0;
    }
  }
}

package dev.scopeml.cli.tier;

import dev.scopeml.cli.stack.StackPaths;
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
      "Add or remove scorers behind nginx, one at a time, without failing a request.",
      "New scorers are added once ready; removed ones leave the upstream, drain, then stop."
    })
public final class ScaleCommand implements Callable<Integer> {

  @Mixin TierOptions tier;

  @Option(names = "--replicas", required = true, description = "Scorers to run (at least 1).")
  int replicas;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (replicas < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--replicas must be at least 1, not " + replicas);
    }
    PrintWriter out = spec.commandLine().getOut();
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
        after = open.controller().up(TierOptions.composeHttpPort(), release, replicas);
      } else {
        TierState before = open.controller().status();
        out.printf(
            "Scaling the %s from %d to %d scorers of %s%n",
            open.name(), before.backends().size(), replicas, before.release().version());
        out.flush();
        after = open.controller().scale(replicas);
      }
      out.printf(
          "The %s runs %d scorers of %s.%n",
          open.name(), after.backends().size(), after.release().version());
      out.flush();
      return 0;
    }
  }
}

package dev.scopeml.cli.tier;

import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.RolloutResult;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierState;
import dev.scopeml.nginx.kubernetes.KubernetesTierStatus;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scopeml rollout --to <label|jar>}: replaces every scorer, one at a time. */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = {
      "Replace every scorer with one of a new release, one at a time, without failing a request"
          + " and without reloading nginx: start new in a free slot, wait until ready and warm,"
          + " stop an old one (it refuses new connections and finishes its requests).",
      "If a new scorer never becomes ready the rollout stops and the old ones keep serving.",
      "With --driver kubernetes: sets the scorer Deployment's image and follows its rolling update"
          + " (one new pod at a time, none stopped before its replacement is ready) until done or"
          + " past its progress deadline."
    })
public final class RolloutCommand implements Callable<Integer> {

  @Mixin TierOptions tier;

  @Option(
      names = "--to",
      required = true,
      description =
          "A new version label for the current scorer jar, or a scorer jar (with compose or"
              + " kubernetes: an image).")
  String to;

  @Option(
      names = "--undo-on-failure",
      description =
          "With --driver kubernetes: when the rollout fails, put the previous pod template back"
              + " and follow it until it serves again.")
  boolean undoOnFailure;

  @Option(
      names = "--version",
      description = "The label of a new jar or image (default: the jar's name or image's tag).")
  String version;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (tier.driver == TierOptions.Driver.kubernetes) {
      return kubernetes(out, err);
    }
    if (undoOnFailure) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--undo-on-failure applies to --driver kubernetes: the "
              + tier.driver
              + " driver stops no old scorer before a new one is ready, so a failed rollout"
              + " leaves the old ones serving");
    }
    try (var open = tier.change(StackPaths.current(), new StepPrinter(out), out)) {
      TierState before = open.controller().status();
      ScorerRelease release;
      try {
        release =
            RolloutTarget.release(
                to, version, before.release(), tier.driver == TierOptions.Driver.compose);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      out.printf(
          "Rolling the %s from %s to %s (%s): %d scorers, one at a time%n",
          open.name(),
          versions(before),
          release.version(),
          release.artifact(),
          before.backends().size());
      out.flush();
      RolloutResult result = open.controller().rollout(release);
      TierState after = open.controller().status();
      if (!result.succeeded()) {
        err.printf(
            Locale.ROOT,
            "Rollout to %s failed after replacing %d of %d scorers (%.1f s): %s%n"
                + "The tier keeps serving with %d scorers of %s.%n",
            release.version(),
            result.replaced(),
            before.backends().size(),
            result.duration().toMillis() / 1000.0,
            result.failure(),
            after.backends().size(),
            versions(after));
        err.flush();
        return 1;
      }
      out.printf(
          Locale.ROOT,
          "Rollout to %s done: %d scorers replaced in %.1f s; the %s runs %s.%n",
          release.version(),
          result.replaced(),
          result.duration().toMillis() / 1000.0,
          open.name(),
          versions(after));
      out.flush();
      return 0;
    }
  }

  private Integer kubernetes(PrintWriter out, PrintWriter err) {
    try (var open = tier.kubernetes.open(new StepPrinter(out))) {
      KubernetesTierStatus before = open.tier().status();
      var current =
          new ScorerRelease(
              before.version() == null ? before.image() : before.version(),
              before.image(),
              java.util.Map.of(),
              java.util.List.of());
      ScorerRelease release;
      try {
        release = RolloutTarget.release(to, version, current, true);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      out.printf(
          "Rolling Deployment %s (namespace %s) from %s (%s) to %s (%s): %d replicas, one new pod"
              + " at a time%n",
          before.deployment(),
          before.namespace(),
          current.version(),
          current.artifact(),
          release.version(),
          release.artifact(),
          before.desired());
      out.flush();
      RolloutResult result = open.tier().rollout(release, undoOnFailure);
      if (!result.succeeded()) {
        err.printf(
            Locale.ROOT,
            "Rollout to %s failed after %.1f s: %s%n",
            release.version(),
            result.duration().toMillis() / 1000.0,
            result.failure());
        err.flush();
        return 1;
      }
      out.printf(
          Locale.ROOT,
          "Rollout to %s done: %d replicas updated in %.1f s.%n",
          release.version(),
          result.replaced(),
          result.duration().toMillis() / 1000.0);
      out.flush();
      return 0;
    }
  }

  private static String versions(TierState state) {
    String running =
        state.backends().stream()
            .map(Backend::version)
            .distinct()
            .collect(Collectors.joining(", "));
    return running.isEmpty() ? state.release().version() : running;
  }
}

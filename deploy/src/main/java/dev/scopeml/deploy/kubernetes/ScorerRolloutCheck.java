package dev.scopeml.deploy.kubernetes;

import dev.scopeml.deploy.AppSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The scorer Deployment keeps the tier's promises through a rollout: one new pod at a time and no
 * old one stopped before a new one is ready ({@code maxSurge: 1}, {@code maxUnavailable: 0}); ready
 * means {@code /readyz}, live means {@code /livez}; the startup probe leaves room for the warm-up
 * and the progress deadline for the startup probe; the preStop pause outlasts endpoint propagation
 * and the grace period outlasts the pause plus the app's drain.
 */
final class ScorerRolloutCheck implements ManifestCheck {

  /** JVM start and loading the active versions, before the warm-up begins. */
  static final Duration START_ALLOWANCE = Duration.ofSeconds(60);

  /** nginx re-resolves the scorers' Service every 5 s; endpoints take a few seconds to update. */
  static final Duration PROPAGATION = Duration.ofSeconds(5);

  @Override
  public String name() {
    return "scorer rollout";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    for (RenderedOverlay overlay : deployment.overlays()) {
      var found = Scorers.deployment(overlay);
      if (found.isEmpty()) {
        continue;
      }
      Deployment scorer = found.get();
      String where = Where.object(overlay, "Deployment", scorer.getMetadata().getName());
      DeploymentStrategy strategy = scorer.getSpec().getStrategy();
      if (strategy == null
          || !"RollingUpdate".equals(strategy.getType())
          || strategy.getRollingUpdate() == null
          || !is(strategy.getRollingUpdate().getMaxUnavailable(), 0)
          || !is(strategy.getRollingUpdate().getMaxSurge(), 1)) {
        problems.add(
            where
                + " does not roll out with RollingUpdate maxUnavailable: 0 and maxSurge: 1: a"
                + " rollout could stop a ready scorer before its replacement is ready");
      }
      var container = Scorers.container(scorer);
      if (container.isEmpty()) {
        continue;
      }
      Container c = container.get();
      path(c.getReadinessProbe(), "/readyz", where + " readiness", problems);
      path(c.getLivenessProbe(), "/livez", where + " liveness", problems);
      var app = deployment.app(c);
      if (app.isEmpty()) {
        continue;
      }
      AppSettings settings = deployment.settings(app.get(), c);
      Duration warmUp =
          SpringDuration.parse(settings.value("scopeml.scorer.warm-up.max-time").orElse("10s"));
      Duration startup = budget(c.getStartupProbe());
      Duration needed = warmUp.plus(START_ALLOWANCE);
      if (startup.compareTo(needed) < 0) {
        problems.add(
            where
                + " gives its startup probe "
                + startup.toSeconds()
                + " s, less than the warm-up's "
                + warmUp.toSeconds()
                + " s (scopeml.scorer.warm-up.max-time) plus "
                + START_ALLOWANCE.toSeconds()
                + " s to start and load: a scorer still warming up would be restarted");
      }
      Integer deadline = scorer.getSpec().getProgressDeadlineSeconds();
      if (deadline == null || deadline < startup.toSeconds()) {
        problems.add(
            where
                + " has a progress deadline of "
                + deadline
                + " s, shorter than its startup probe's "
                + startup.toSeconds()
                + " s: a rollout would be declared stalled while a scorer still starts");
      }
      Duration preStop = preStop(c.getLifecycle());
      if (preStop.compareTo(PROPAGATION) < 0) {
        problems.add(
            where
                + " pauses "
                + preStop.toSeconds()
                + " s before SIGTERM (preStop), less than the "
                + PROPAGATION.toSeconds()
                + " s nginx and the endpoints take to let the pod go: new connections would be"
                + " refused while it is still listed");
      }
      Duration drain =
          SpringDuration.parse(settings.value("scopeml.scorer.shutdown-delay").orElse("0s"))
              .plus(
                  SpringDuration.parse(
                      settings.value("spring.lifecycle.timeout-per-shutdown-phase").orElse("30s")));
      Long grace = scorer.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
      long graceSeconds = grace == null ? 30 : grace;
      if (graceSeconds <= preStop.plus(drain).toSeconds()) {
        problems.add(
            where
                + " allows "
                + graceSeconds
                + " s to stop (terminationGracePeriodSeconds), not more than the preStop's "
                + preStop.toSeconds()
                + " s plus the drain's "
                + drain.toSeconds()
                + " s (scopeml.scorer.shutdown-delay and"
                + " spring.lifecycle.timeout-per-shutdown-phase): requests in flight would be"
                + " killed");
      }
    }
    return problems;
  }

  private static boolean is(IntOrString value, int expected) {
    return value != null && value.getIntVal() != null && value.getIntVal() == expected;
  }

  private static void path(Probe probe, String expected, String where, List<String> problems) {
    if (probe == null
        || probe.getHttpGet() == null
        || !expected.equals(probe.getHttpGet().getPath())) {
      problems.add(where + " probe does not ask " + expected);
    }
  }

  /** How long a startup probe lets a container start. */
  private static Duration budget(Probe probe) {
    if (probe == null) {
      return Duration.ZERO;
    }
    int delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
    int period = probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds();
    int failures = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
    return Duration.ofSeconds(delay + (long) period * failures);
  }

  private static Duration preStop(Lifecycle lifecycle) {
    if (lifecycle == null || lifecycle.getPreStop() == null) {
      return Duration.ZERO;
    }
    var sleep = lifecycle.getPreStop().getSleep();
    return sleep == null || sleep.getSeconds() == null
        ? Duration.ZERO
        : Duration.ofSeconds(sleep.getSeconds());
  }
}

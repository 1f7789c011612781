package dev.scopeml.bench.swap;

import static dev.scopeml.bench.report.Target.number;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.report.FigureReport;
import dev.scopeml.bench.report.Target;
import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.LoadResult;
import dev.scopeml.load.Resend;
import dev.scopeml.load.Sample;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.RolloutResult;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierController;
import dev.scopeml.testsupport.models.TelcoModel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Figure 6: a fixed-rate load of one-row predictions through nginx that never resends a request,
 * steady for a while, then the tier controller replaces both scorers with a new release, then
 * steady again. Compares the p99 of requests due during the swap with the steady p99 before it and
 * counts failed requests: any request without a complete response.
 */
final class RollingSwap {

  private static final String PREDICT = TelcoModel.PREDICT;

  /** Enough connections that a slow stretch does not leave due requests waiting for one. */
  private static final int CONNECTIONS = 32;

  private final BenchSettings settings;
  private final TierController controller;
  private final int port;
  private final String body;
  private final ScorerRelease next;
  private final NginxProcess nginx;

  RollingSwap(
      BenchSettings settings,
      TierController controller,
      NginxProcess nginx,
      int port,
      String body,
      ScorerRelease next) {
    this.settings = settings;
    this.controller = controller;
    this.nginx = nginx;
    this.port = port;
    this.body = body;
    this.next = next;
  }

  FigureReport measure() throws InterruptedException {
    double rate = settings.count(200, 100);
    Duration steady = settings.phase(Duration.ofSeconds(15), Duration.ofSeconds(5));
    var load =
        HttpLoad.start(
            HttpLoad.Settings.of(port, List.of(HttpRequests.postJson(port, PREDICT, body)))
                .withRate(rate)
                .withDuration(Duration.ofMinutes(10))
                .withConnections(CONNECTIONS)
                // As curl or wrk: a request without a complete response is a failed one.
                .withResend(Resend.NEVER));
    Thread.sleep(steady);
    Set<Long> workers = nginx.workerPids();
    long swapStart = System.nanoTime();
    RolloutResult rollout = controller.rollout(next);
    long swapEnd = System.nanoTime();
    boolean reloaded = !nginx.workerPids().equals(workers);
    Thread.sleep(settings.phase(Duration.ofSeconds(5), Duration.ofSeconds(2)));
    LoadResult result = load.stop();

    double steadyP99 = result.percentileMillis(99, load.startNanos(), swapStart);
    double duringP99 = result.percentileMillis(99, swapStart, swapEnd);
    double steadyP50 = result.percentileMillis(50, load.startNanos(), swapStart);
    double duringP50 = result.percentileMillis(50, swapStart, swapEnd);
    double ratio = duringP99 / steadyP99;
    long failed = result.failures();
    long oldAfter =
        result.window(swapEnd, Long.MAX_VALUE).stream()
            .filter(s -> !s.failed())
            .filter(s -> !Objects.equals(scorer(s), next.version()))
            .count();
    double seconds = (swapEnd - swapStart) / 1e9;

    Target ratioTarget = Target.atMost(ratio, 1.5, "≤ 1.5×");
    Target failedTarget = Target.atMost(failed, 0, "0");
    var report = new FigureReport("6", "Rolling swap of the scorers under load");
    report.paragraph(settings.caveat());
    report.paragraph(
        """
        Two scorers of release A behind nginx take %s one-row predictions per second through \
        nginx (the fixed-rate generator of figure 2, %d keep-alive connections, latency from when \
        each request was due; a request is never resent, so one without a complete response is \
        a failed one). After %d s of steady state, `TierController.rollout` replaces them one at \
        a time with release B, without reloading nginx: start B in a free slot of the upstream; \
        B replays its reference rows until its request path is compiled, then opens its port and \
        reports ready; once nginx has passed B a request (through its control listener), SIGTERM \
        an A, which refuses new connections at once (nginx passes them to the next slot), \
        finishes its requests and exits. Resent requests: %d. Rollout %s."""
            .formatted(
                number(rate, 0),
                CONNECTIONS,
                steady.toSeconds(),
                result.resent(),
                rollout.succeeded()
                    ? "succeeded, " + rollout.replaced() + " scorers replaced"
                    : "FAILED: " + rollout.failure()));
    report.command("bench/rolling-swap.sh");
    report.table(
        List.of("window", "requests", "p50 ms", "p99 ms", "failed"),
        List.of(
            window("steady, before", result, load.startNanos(), swapStart, steadyP50, steadyP99),
            window("during the swap", result, swapStart, swapEnd, duringP50, duringP99),
            window(
                "after",
                result,
                swapEnd,
                Long.MAX_VALUE,
                result.percentileMillis(50, swapEnd, Long.MAX_VALUE),
                result.percentileMillis(99, swapEnd, Long.MAX_VALUE))));
    report.table(
        List.of("figure", "value", "target", ""),
        List.of(
            List.of("swap duration", number(seconds, 1) + " s", "reported", "—"),
            List.of(
                "p99 during / steady",
                number(ratio, 2)
                    + "× ("
                    + number(duringP99, 1)
                    + " / "
                    + number(steadyP99, 1)
                    + " ms)",
                ratioTarget.text(),
                ratioTarget.verdict()),
            List.of("failed requests", Long.toString(failed), "0", failedTarget.verdict()),
            List.of("nginx reloaded during the swap", reloaded ? "yes" : "no", "no", ""),
            List.of(
                "requests not sent within 5 s of when they were due (generator backlog, not failures)",
                Long.toString(result.unsent()),
                "",
                ""),
            List.of("answered by release A after the swap", Long.toString(oldAfter), "0", "")));
    if (Boolean.FALSE.equals(ratioTarget.met())) {
      List<Sample> slow =
          result.window(swapStart, swapEnd).stream()
              .filter(s -> !s.failed() && s.latencyMillis() > steadyP99)
              .toList();
      long slowOnNew = slow.stream().filter(s -> next.version().equals(scorer(s))).count();
      report.paragraph(
          """
          Missed: %d requests during the swap took longer than the steady p99; %d of them were \
          answered by a new scorer and %d by an old one. A new scorer takes traffic only once its \
          warm-up has compiled its request path, but until then its start-up (class loading, \
          model verification, the warm-up's own compilation) runs on the same two cores as the \
          old scorers, nginx and the load generator; on a machine where scorers have cores of \
          their own (the deployment the rollout is built for) that contention is gone."""
              .formatted(slow.size(), slowOnNew, slow.size() - slowOnNew));
    }
    if (result.unsent() > 0) {
      report.paragraph(
          """
          %d requests were never sent: they were still waiting for a free connection 5 s after \
          they were due, because for a while the tier answered more slowly than the offered \
          rate (after the swap the p50 was %s ms: the new scorers' JVMs had not yet compiled \
          their request path, on cores shared with other work). They never reached nginx, so \
          they are not failed requests, but they are load the tier did not absorb in time."""
              .formatted(
                  result.unsent(),
                  number(result.percentileMillis(50, swapEnd, Long.MAX_VALUE), 0)));
    }
    report.summary("6", "rolling swap duration", number(seconds, 1) + " s", Target.none());
    report.summary("6", "rolling swap p99 during / steady", number(ratio, 2) + "×", ratioTarget);
    report.summary("6", "rolling swap failed requests", Long.toString(failed), failedTarget);
    return report;
  }

  private static List<String> window(
      String name, LoadResult result, long from, long to, double p50, double p99) {
    List<Sample> samples = result.window(from, to);
    return List.of(
        name,
        Integer.toString(samples.size()),
        number(p50, 2),
        number(p99, 2),
        Long.toString(samples.stream().filter(Sample::failed).count()));
  }

  /** Which scorer release answered, or null. */
  private static String scorer(Sample sample) {
    return sample.header("X-Scorer-Version");
  }
}

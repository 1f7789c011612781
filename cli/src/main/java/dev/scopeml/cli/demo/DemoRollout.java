package dev.scopeml.cli.demo;

import dev.scopeml.cli.stack.LocalTier;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.tier.StepPrinter;
import dev.scopeml.nginx.RolloutResult;
import dev.scopeml.nginx.ScorerRelease;
import java.io.PrintWriter;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's last act: the scorers roll to a new release one at a time while a steady load runs
 * through nginx, with the count of requests and failed requests redrawn as it goes.
 */
final class DemoRollout {

  private final StackPaths paths;
  private final PrintWriter out;
  private final boolean terminal;

  DemoRollout(StackPaths paths, PrintWriter out, boolean terminal) {
    this.paths = paths;
    this.out = out;
    this.terminal = terminal;
  }

  /**
   * Rolls the local tier to the next release label, same jar; with nginx, under a load whose counts
   * are shown live.
   */
  Rollout run(URI predict, List<Map<String, Object>> rows, DemoFront front)
      throws InterruptedException {
    ScorerRelease current;
    try (var look = LocalTier.inspect(paths)) {
      current = look.state().orElseThrow(() -> new StackException("no tier state")).release();
    }
    String next = nextLabel(current.version());
    var release =
        new ScorerRelease(next, current.artifact(), current.environment(), current.arguments());
    say("  $ scopeml rollout --to " + next);
    if (!front.balanced()) {
      say("  skipped: the load and its live count (without nginx, clients need the new ports)");
      try (var tier = LocalTier.open(paths, new StepPrinter(out), this::say)) {
        return new Rollout(current.version(), next, tier.controller().rollout(release), null);
      }
    }
    var load = new DemoLoad(predict, rows, 3, front.tls());
    var live = new LiveCounter(out, load, terminal);
    RolloutResult result;
    try {
      Thread.sleep(1500);
      try (var tier = LocalTier.open(paths, live, live::step)) {
        result = tier.controller().rollout(release);
      }
      // Requests sent from here on must all be answered by the new release.
      load.mark();
      Thread.sleep(2000);
    } finally {
      load.close();
      live.close();
    }
    DemoLoad.Counts counts = load.counts();
    if (result.succeeded()) {
      say(
          String.format(
              Locale.ROOT,
              "  rollout %s -> %s: %d scorers replaced in %.1f s. Requests during it: %,d sent, %d failed, none resent; after the swap every answer"
                  + " came from %s",
              current.version(),
              next,
              result.replaced(),
              result.duration().toMillis() / 1000.0,
              counts.sent(),
              counts.failed(),
              String.join(", ", counts.sinceMark().keySet())));
    } else {
      say("  rollout to " + next + " failed: " + result.failure());
    }
    for (String failure : load.failures()) {
      say("  failed request: " + failure);
    }
    return new Rollout(current.version(), next, result, counts);
  }

  /**
   * How the demo's rollout went.
   *
   * @param from the release before
   * @param to the release rolled out
   * @param result the controller's result
   * @param load the requests sent meanwhile, or null without nginx
   */
  record Rollout(String from, String to, RolloutResult result, DemoLoad.Counts load) {}

  /** {@code release-1} → {@code release-2}; a label without a number gets {@code -2}. */
  static String nextLabel(String label) {
    Matcher number = Pattern.compile("^(.*?)(\\d+)$").matcher(label);
    return number.matches()
        ? number.group(1) + (Long.parseLong(number.group(2)) + 1)
        : label + "-2";
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}

package dev.scopeml.cli.demo;

import dev.scopeml.cli.tier.StepPrinter;
import dev.scopeml.nginx.TierEvents;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The live line under a rollout: requests sent, failed, and which release answered, redrawn in
 * place on a terminal (a line every few seconds otherwise), with the rollout's steps printed above
 * it as they happen.
 */
final class LiveCounter implements TierEvents, AutoCloseable {

  private final PrintWriter out;
  private final DemoLoad load;
  private final boolean terminal;
  private final StepPrinter steps;
  private final Thread painter;
  private volatile boolean running = true;
  private int drawn;

  LiveCounter(PrintWriter out, DemoLoad load, boolean terminal) {
    this.out = out;
    this.load = load;
    this.terminal = terminal;
    this.steps = new StepPrinter(out);
    this.painter = Thread.ofPlatform().name("demo-live").daemon().start(this::paint);
  }

  private void paint() {
    long interval = terminal ? 200 : 5_000;
    while (running) {
      try {
        Thread.sleep(interval);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        if (running) {
          draw();
        }
      }
    }
  }

  @Override
  public synchronized void step(String message) {
    clear();
    steps.step(message);
    draw();
  }

  /** The line as it stands now. */
  String line() {
    DemoLoad.Counts counts = load.counts();
    String releases =
        counts.byRelease().entrySet().stream()
            .map(entry -> entry.getKey() + " " + entry.getValue())
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "  live: %,d requests, %d failed, none resent | answered by %s",
        counts.sent(),
        counts.failed(),
        releases.isEmpty() ? "-" : releases);
  }

  private void draw() {
    String line = line();
    if (terminal) {
      out.print("\r" + line);
      drawn = line.length();
    } else {
      out.println(line);
    }
    out.flush();
  }

  private void clear() {
    if (terminal && drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      drawn = 0;
    }
  }

  @Override
  public void close() {
    running = false;
    painter.interrupt();
    synchronized (this) {
      clear();
      out.println(line());
      out.flush();
    }
  }
}

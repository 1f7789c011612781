package dev.scopeml.cli.tier;

import dev.scopeml.nginx.TierEvents;
import java.io.PrintWriter;
import java.util.Locale;

/** Prints each tier step as it happens, with the seconds since the operation began. */
public final class StepPrinter implements TierEvents {

  private final PrintWriter out;
  private final long start = System.nanoTime();

  public StepPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void step(String message) {
    out.printf(Locale.ROOT, "  %6.1fs  %s%n", (System.nanoTime() - start) / 1e9, message);
    out.flush();
  }
}

package dev.scopeml.cli;

/** The progress bar of the commands that wait for work to finish: {@code [#########.....]}. */
public final class ProgressBar {

  private static final int WIDTH = 30;

  private ProgressBar() {}

  /** A bar filled in proportion to {@code done} of {@code total}. */
  public static String of(long done, long total) {
    int filled = total <= 0 ? 0 : (int) Math.min(WIDTH, Math.round((double) WIDTH * done / total));
    return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
  }
}

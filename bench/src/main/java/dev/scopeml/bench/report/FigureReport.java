package dev.scopeml.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Markdown section of one figure: a heading, prose, tables, and the summary rows that {@code
 * bench/run-all.sh} gathers into the closing table. Written to a file and echoed to standard out.
 */
public final class FigureReport {

  private final StringBuilder text = new StringBuilder();
  private final List<String> summary = new ArrayList<>();

  /** Starts the section of figure {@code number}. */
  public FigureReport(String number, String title) {
    text.append("## ").append(number).append(". ").append(title).append("\n\n");
  }

  /** A paragraph. */
  public FigureReport paragraph(String paragraph) {
    text.append(paragraph.strip()).append("\n\n");
    return this;
  }

  /** The command that reruns this figure alone. */
  public FigureReport command(String command) {
    text.append("Command: `").append(command).append("`\n\n");
    return this;
  }

  /** A table with a header row. */
  public FigureReport table(List<String> header, List<List<String>> rows) {
    text.append(row(header));
    text.append(row(header.stream().map(h -> "---").toList()));
    rows.forEach(r -> text.append(row(r)));
    text.append('\n');
    return this;
  }

  /**
   * A line of the closing summary table: what was measured, the value, and its target. Also printed
   * in this section's own results table by the caller.
   */
  public FigureReport summary(String figure, String what, String value, Target target) {
    summary.add(row(List.of(figure, what, value, target.text(), target.verdict())).strip());
    return this;
  }

  /** The section so far. */
  public String markdown() {
    return text.toString();
  }

  /**
   * Writes the section to {@code file} and its summary rows to {@code file} with the extension
   * {@code .summary}, and prints the section.
   */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, markdown());
      Files.write(file.resolveSibling(file.getFileName() + ".summary"), summary);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    System.out.println(markdown());
  }

  private static String row(List<String> cells) {
    return "| " + String.join(" | ", cells) + " |\n";
  }
}

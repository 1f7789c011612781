package dev.scopeml.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One summary line per case: printed for the build log, and appended to {@code
 * target/reliability-cases.tsv}, which {@code summary.sh} turns into the table of {@code
 * RELIABILITY.md}. A case reports what it sent and how much of it failed, measured, never assumed.
 */
public final class CaseReport {

  static final Path FILE = Path.of("target", "reliability-cases.tsv");

  private CaseReport() {}

  /**
   * Records a case.
   *
   * @param area {@code faults}, {@code hostile} or {@code access}
   * @param name what the case is
   * @param sent requests (or attempts) the case made
   * @param failed how many of them failed the case's promise
   * @param detail what else was measured
   * @param test the test class that measured the figures
   */
  public static synchronized void record(
      String area, String name, long sent, long failed, String detail, String test) {
    String line =
        String.join("\t", area, name, Long.toString(sent), Long.toString(failed), detail, test);
    System.out.println("RELIABILITY | " + line.replace("\t", " | "));
    try {
      Files.createDirectories(FILE.getParent());
      Files.writeString(
          FILE,
          line.replace('\n', ' ') + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

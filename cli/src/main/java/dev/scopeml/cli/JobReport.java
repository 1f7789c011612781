package dev.scopeml.cli;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** How scoring jobs are shown: the progress line while one runs and the totals at the end. */
final class JobReport {

  private static final int BAR_WIDTH = 30;

  private JobReport() {}

  /** {@code [#########.....] 400,000/1,000,000 rows running 180,306 rows/s 12 rejected}. */
  static String progress(JsonNode job) {
    long rows = job.get("rows").asLong();
    long done = job.get("done").asLong();
    int filled = rows == 0 ? 0 : (int) Math.round((double) BAR_WIDTH * done / rows);
    return String.format(
        Locale.ROOT,
        "[%s%s] %,d/%,d rows  %s  %,.0f rows/s  %,d rejected",
        "#".repeat(filled),
        ".".repeat(BAR_WIDTH - filled),
        done,
        rows,
        job.get("status").asString(),
        job.get("rowsPerSecond").asDouble(),
        job.get("rejected").asLong());
  }

  /** The totals: one line per figure, then the reason of a job that did not succeed. */
  static String totals(JsonNode job) {
    var table = new TextTable("job", "status", "rows", "scored", "rejected", "rows/s", "output");
    table.row(
        job.get("job").asString(),
        job.get("status").asString(),
        String.format(Locale.ROOT, "%d", job.get("done").asLong()),
        String.format(Locale.ROOT, "%d", job.get("scored").asLong()),
        String.format(Locale.ROOT, "%d", job.get("rejected").asLong()),
        String.format(Locale.ROOT, "%.0f", job.get("rowsPerSecond").asDouble()),
        job.has("location") ? job.get("location").asString() : job.get("output").asString());
    var out = new StringBuilder(table.render());
    if (job.has("failure")) {
      out.append("failure: ").append(job.get("failure").asString()).append('\n');
    }
    if (job.path("rejected").asLong() > 0 && job.has("location")) {
      out.append("rejected rows and their reasons are in the output's _rejects\n");
    }
    return out.toString();
  }
}

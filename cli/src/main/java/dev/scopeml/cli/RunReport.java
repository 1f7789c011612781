package dev.scopeml.cli;

import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** How runs are shown: the progress line while one trains and the per-scope table at the end. */
final class RunReport {

  private RunReport() {}

  /** {@code [#########.....] 12/52 running 10 ok 1 skipped 0 failed}. */
  static String progress(JsonNode run) {
    int total = run.get("total").asInt();
    int done = run.get("done").asInt();
    return String.format(
        Locale.ROOT,
        "%s %d/%d %s  %d ok  %d skipped  %d failed",
        ProgressBar.of(done, total),
        done,
        total,
        run.get("status").asString(),
        run.get("succeeded").asInt(),
        run.get("skipped").asInt(),
        run.get("failed").asInt());
  }

  /** The final table: one line per scope. */
  static String scopes(JsonNode run) {
    var table =
        new TextTable(
            "scope",
            "status",
            "rows",
            "version",
            "auc",
            "accuracy",
            "logLoss",
            "promoted",
            "seconds");
    for (JsonNode scope : run.get("scopes")) {
      JsonNode metrics = scope.get("metrics");
      table.row(
          scope.get("scope").asString(),
          scope.get("status").asString(),
          text(scope.get("rows")),
          text(scope.get("version")),
          metric(metrics, "auc"),
          metric(metrics, "accuracy"),
          metric(metrics, "logLoss"),
          scope.has("promoted") ? (scope.get("promoted").asBoolean() ? "yes" : "no") : "",
          scope.has("seconds")
              ? String.format(Locale.ROOT, "%.2f", scope.get("seconds").asDouble())
              : "");
    }
    var out = new StringBuilder(table.render());
    for (JsonNode scope : run.get("scopes")) {
      String why = scope.has("reason") ? scope.get("reason").asString() : null;
      if (why == null && scope.has("error") && !scope.get("error").isNull()) {
        why = scope.get("error").asString();
      }
      if (why != null) {
        out.append(scope.get("scope").asString()).append(": ").append(why).append('\n');
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "run %s %s: %d scopes, %d succeeded, %d skipped, %d failed, %d cancelled%n",
            run.get("run").asString(),
            run.get("status").asString(),
            run.get("total").asInt(),
            run.get("succeeded").asInt(),
            run.get("skipped").asInt(),
            run.get("failed").asInt(),
            run.get("cancelled").asInt()));
    return out.toString();
  }

  private static String metric(JsonNode metrics, String name) {
    return metrics == null || !metrics.has(name)
        ? ""
        : String.format(Locale.ROOT, "%.4f", metrics.get(name).asDouble());
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? "" : value.asString();
  }
}

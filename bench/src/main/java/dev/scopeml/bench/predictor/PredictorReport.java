package dev.scopeml.bench.predictor;

import static dev.scopeml.bench.report.Target.number;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.report.FigureReport;
import dev.scopeml.bench.report.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figure 1's Markdown from the JMH JSON results of {@code bench/predictor.sh}: per path the median
 * single-row latency and batch throughput, and the two targets.
 */
final class PredictorReport {

  private static final Map<String, String> PATHS = new LinkedHashMap<>();

  static {
    PATHS.put("fast", "ScopeML flat tree ensemble");
    PATHS.put("xgboostInplace", "xgboost4j `inplace_predict`");
    PATHS.put("xgboostDMatrix", "xgboost4j `DMatrix` + `predict`");
    PATHS.put("tribuo", "Tribuo `Model.predict`");
    PATHS.put("smileGbm", "Smile GBM (100 trees, depth 6)");
  }

  private PredictorReport() {}

  /**
   * @param args the JMH JSON result file, then the JMH options used
   */
  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromEnvironment();
    JmhResults r = JmhResults.parse(Files.readString(Path.of(args[0])));
    String options = args.length > 1 ? args[1] : "";
    var rows = new ArrayList<List<String>>();
    double fastSingle = r.single("fast");
    double fastRows = r.rowsPerSecond("fast");
    for (var path : PATHS.entrySet()) {
      double single = r.single(path.getKey());
      double rows1000 = r.rowsPerSecond(path.getKey());
      rows.add(
          List.of(
              path.getValue(),
              number(single, 2),
              number(single / fastSingle, 1) + "×",
              number(rows1000, 0),
              number(fastRows / rows1000, 2) + "×"));
    }
    double tribuoRatio = r.single("tribuo") / fastSingle;
    double bestXgboost =
        Math.max(r.rowsPerSecond("xgboostInplace"), r.rowsPerSecond("xgboostDMatrix"));
    double batchRatio = fastRows / bestXgboost;
    Target singleTarget = Target.atLeast(tribuoRatio, 30, "≥ 30× Tribuo");
    Target batchTarget = Target.atLeast(batchRatio, 1, "≥ 1× xgboost4j");

    var report = new FigureReport("1", "Predictor (JMH, in-process)");
    report.paragraph(settings.caveat());
    report.paragraph(
        """
        One XGBoost model, 100 boosting rounds of depth 6 on 20 generated numeric features with 2%% \
        missing values (10,000 training rows), trained through Tribuo, whose softprob objective \
        grows one tree per class per round: 200 trees. Served by each path on one thread (native \
        prediction pinned to one thread), single rows drawn from a pool of 1,024 and batches of \
        1,000 rows. JMH sample-time mode, one fork; medians of the samples. Smile's gradient \
        boosting (100 trees of depth 6 on the same rows, missing values imputed) is there for \
        scale. JMH options: `%s`."""
            .formatted(
                options.isBlank() ? "the class's defaults: 3 × 2 s warm-up, 5 × 2 s" : options));
    report.command("bench/predictor.sh");
    report.table(
        List.of(
            "path",
            "single row µs (median)",
            "÷ ScopeML",
            "batch of 1,000: rows/s",
            "ScopeML ÷ path"),
        rows);
    report.table(
        List.of("figure", "value", "target", ""),
        List.of(
            List.of(
                "single row: Tribuo µs ÷ ScopeML µs",
                number(tribuoRatio, 1) + "×",
                singleTarget.text(),
                singleTarget.verdict()),
            List.of(
                "batch: ScopeML rows/s ÷ best xgboost4j rows/s",
                number(batchRatio, 2) + "×",
                batchTarget.text(),
                batchTarget.verdict())));
    if (Boolean.FALSE.equals(singleTarget.met())) {
      report.paragraph(
          """
          Missed: Tribuo's single-row call took %s µs against ScopeML's %s µs (%s ns per tree for \
          200 trees). xgboost4j's own single-row calls take %s µs (`DMatrix`) and %s µs \
          (`inplace_predict`), so most of Tribuo's time is the fixed cost of one native \
          prediction call, and the ratio is that fixed cost over a tree walk bounded by \
          dependent memory loads."""
              .formatted(
                  number(r.single("tribuo"), 2),
                  number(fastSingle, 2),
                  number(fastSingle * 1000 / 200, 0),
                  number(r.single("xgboostDMatrix"), 1),
                  number(r.single("xgboostInplace"), 1)));
    }
    if (Boolean.FALSE.equals(batchTarget.met())) {
      report.paragraph(
          """
          Missed: xgboost4j's native batch prediction reached %s rows/s against ScopeML's %s on \
          one thread; xgboost walks blocks of rows through each tree with vectorised native code."""
              .formatted(number(bestXgboost, 0), number(fastRows, 0)));
    }
    report.summary(
        "1", "predictor: single row vs Tribuo", number(tribuoRatio, 1) + "×", singleTarget);
    report.summary("1", "predictor: batch vs xgboost4j", number(batchRatio, 2) + "×", batchTarget);
    report.write(settings.results().resolve("1-predictor.md"));
  }
}

package dev.scopeml.bench.batch;

import static dev.scopeml.bench.report.Target.number;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.models.FigureModel;
import dev.scopeml.bench.models.PeerSpec;
import dev.scopeml.bench.report.FigureReport;
import dev.scopeml.bench.report.Target;
import dev.scopeml.bench.stack.PythonPeer;
import dev.scopeml.bench.training.TrainerProcess;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.prediction.ModelFormats;
import dev.scopeml.learning.servable.ServableModel;
import dev.scopeml.learning.servable.ServableModels;
import dev.scopeml.load.Stats;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Figure 10: a million telco rows (the bundled customers over and over, in their own three contract
 * scopes) scored end to end by a trainer process with 1 and then 2 workers, CSV in to CSV out and
 * Parquet in to Parquet out, with the figures' telco model (200 trees) stored for every contract;
 * against the in-process ceiling (the same rows in memory, encoded and predicted, 1 and 2 threads)
 * and against pandas with Python xgboost doing the same job the way a data scientist writes it. Run
 * by {@code bench/batch.sh}.
 */
public final class BatchScoringBenchmark {

  private static final double CEILING_TARGET = 0.5;
  private static final double PYTHON_TARGET = 3.0;
  private static final Pattern PYTHON_RATE = Pattern.compile("([0-9]+) rows/s");

  private BatchScoringBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromEnvironment();
    int rows = settings.count(1_000_000, 100_000);
    int repeats = settings.count(3, 1);
    Path work = settings.freshWork("batch");
    Path data = Files.createDirectories(work.resolve("data"));
    TelcoModel model = FigureModel.train();
    DataTable telco = CsvReader.read(Path.of("datasets/telco_churn.csv"));
    writeRows(data.resolve("rows.csv"), telco, rows);
    try (var duck = DriverManager.getConnection("jdbc:duckdb:")) {
      duck.createStatement()
          .execute(
              "COPY (SELECT * FROM read_csv('"
                  + data.resolve("rows.csv").toAbsolutePath()
                  + "', header = true, all_varchar = false)) TO '"
                  + data.resolve("rows.parquet").toAbsolutePath()
                  + "' (FORMAT PARQUET, COMPRESSION SNAPPY)");
    }

    var endToEnd = new LinkedHashMap<String, List<Double>>();
    ServableModel servable;
    var trainers = new LinkedHashMap<Integer, TrainerProcess>();
    try {
      for (int workers : new int[] {1, 2}) {
        DatabaseSettings db = TestPostgres.freshDatabase("bench_batch_" + workers);
        storeForEveryContract(db, model);
        trainers.put(
            workers,
            TrainerProcess.start(db, data, workers, work.resolve("trainer-" + workers + ".log")));
      }
      servable = servable(TestPostgres.freshDatabase("bench_batch_ceiling"), model);
      int job = 0;
      // Unmeasured warm-up on each trainer, then the measured jobs alternate between them.
      for (TrainerProcess trainer : trainers.values()) {
        trainer.score(job("rows.csv", null, "csv", "warmup-" + job++));
      }
      for (int repeat = 0; repeat < repeats; repeat++) {
        for (var format : List.of("csv", "parquet")) {
          for (var trainer : trainers.entrySet()) {
            Map<String, Object> request =
                format.equals("csv")
                    ? job("rows.csv", null, "csv", "out-" + job++)
                    : job(null, "rows.parquet", "parquet", "out-" + job++);
            long start = System.nanoTime();
            JsonNode view = trainer.getValue().score(request);
            double rate = view.get("done").asLong() / ((System.nanoTime() - start) / 1e9);
            System.err.printf(
                "[batch] %s, %d workers: %,.0f rows/s; %s%n",
                format, trainer.getKey(), rate, stages(view));
            endToEnd
                .computeIfAbsent(format + "|" + trainer.getKey(), k -> new ArrayList<>())
                .add(rate);
          }
        }
      }
    } finally {
      trainers.values().forEach(TrainerProcess::close);
    }

    DataTable inMemory =
        CsvReader.read(data.resolve("rows.csv")).withNumbers(numericFeatures(servable));
    var ceiling = new LinkedHashMap<Integer, Double>();
    for (int threads : new int[] {1, 2}) {
      InProcessCeiling.rowsPerSecond(inMemory, servable, threads); // warm-up
      var rates = new ArrayList<Double>();
      for (int repeat = 0; repeat < repeats; repeat++) {
        rates.add(InProcessCeiling.rowsPerSecond(inMemory, servable, threads));
      }
      ceiling.put(threads, Stats.median(rates));
    }

    Path peer = work.resolve("python");
    PeerSpec.write(model, peer);
    PythonPeer.train(peer);
    var python = new ArrayList<Double>();
    for (int repeat = 0; repeat < repeats; repeat++) {
      python.add(pythonRate(peer, data.resolve("rows.csv"), work.resolve("python-out.csv")));
    }
    report(settings, rows, endToEnd, ceiling, Stats.median(python))
        .write(settings.results().resolve("10-batch.md"));
    System.exit(0);
  }

  /** Seconds the job's chunks spent in each stage, summed over chunks, and the job's own span. */
  private static String stages(JsonNode view) {
    var sums = new LinkedHashMap<String, Double>();
    for (JsonNode chunk : view.path("chunkList")) {
      for (var stage : chunk.path("stages").properties()) {
        sums.merge(stage.getKey(), stage.getValue().asDouble(), Double::sum);
      }
    }
    var text = new StringBuilder("chunks ");
    sums.forEach((stage, seconds) -> text.append(String.format("%s %.2f s ", stage, seconds)));
    return text.append(
            String.format(
                "(created %s, started %s, finished %s)",
                view.path("createdAt").asString(),
                view.path("startedAt").asString(),
                view.path("finishedAt").asString()))
        .toString();
  }

  private static Map<String, Object> job(String csv, String parquet, String format, String out) {
    var input = csv != null ? Map.of("csv", csv) : Map.of("parquet", parquet);
    var output = new LinkedHashMap<String, Object>();
    output.put("folder", out);
    output.put("format", format);
    return Map.of("model", TelcoModel.MODEL, "input", input, "output", output, "maxErrors", 0);
  }

  /** The telco customers over and over: {@code rows} rows, each in its own contract's scope. */
  private static void writeRows(Path file, DataTable telco, int rows) throws IOException {
    List<String> columns = telco.columnNames();
    List<String[]> text = columns.stream().map(telco::text).toList();
    try (CsvWriter csv = CsvWriter.builder().build(file)) {
      csv.writeRecord(columns);
      var record = new String[columns.size()];
      for (int row = 0; row < rows; row++) {
        for (int c = 0; c < record.length; c++) {
          String value = text.get(c)[row % telco.size()];
          record[c] = value == null ? "" : value;
        }
        csv.writeRecord(record);
      }
    }
  }

  private static void storeForEveryContract(DatabaseSettings db, TelcoModel model) {
    try (var pool = Database.pool(db)) {
      var store = new JdbcModelStore(pool);
      for (String contract : TelcoModel.CONTRACTS) {
        model.storeAndPromote(store, ScopeKey.of(TelcoModel.SCOPE_COLUMN, contract));
      }
    }
  }

  /** The model as a job loads it: stored, then opened and verified. */
  private static ServableModel servable(DatabaseSettings db, TelcoModel model) {
    try (var pool = Database.pool(db)) {
      var store = new JdbcModelStore(pool);
      int version = model.storeAndPromote(store);
      return ServableModels.open(
          store.artifact(TelcoModel.MODEL, model.scope(), version).orElseThrow(),
          ModelFormats.installed());
    }
  }

  private static List<String> numericFeatures(ServableModel model) {
    return model.encoder().schema().features().stream()
        .filter(f -> f.kind() == dev.scopeml.modelstore.schema.FeatureKind.NUMERIC)
        .map(dev.scopeml.modelstore.schema.Feature::name)
        .toList();
  }

  private static double pythonRate(Path peer, Path csv, Path out) throws IOException {
    String printed =
        PythonPeer.run(
            List.of(
                "/usr/bin/python3",
                "bench/python-peer/batch.py",
                peer.toString(),
                csv.toString(),
                out.toString(),
                TelcoModel.SCOPE_COLUMN));
    System.err.print("[batch] " + printed);
    var matcher = PYTHON_RATE.matcher(printed);
    if (!matcher.find()) {
      throw new IllegalStateException("batch.py printed no rate: " + printed);
    }
    return Double.parseDouble(matcher.group(1));
  }

  private static FigureReport report(
      BenchSettings settings,
      int rows,
      Map<String, List<Double>> endToEnd,
      Map<Integer, Double> ceiling,
      double python) {
    var report = new FigureReport("10", "Batch scoring: a million rows by scope");
    report.paragraph(settings.caveat());
    report.paragraph(
        """
        %,d rows (the bundled telco customers over and over, each in its own contract's scope) \
        scored by a trainer jar as its own process through `POST /v1/scoring-jobs`, as \
        `scopeml score` submits them: CSV in to CSV out, and the same rows as a Snappy Parquet \
        file in to Parquet (Snappy) out; chunks of 50,000 rows; the figures' telco model (100 \
        rounds of depth 6 on Month-to-month, 200 trees) stored and promoted for every contract. \
        Wall time is from the submission to the job's end as the client polls it (every 50 ms), \
        so it includes planning (the CSV index or Parquet metadata, pinning and verifying the \
        versions), every chunk's read, routing, scoring and commit, and the commit chunk. One \
        trainer with 1 worker and one with 2, each on its own database, after an unmeasured \
        warm-up job each; the jobs alternate between them; medians of %d. The in-process ceiling \
        scores the same rows already in memory by column with the same stored version's encoder \
        and predictor, in batches of 4,096, on 1 and 2 threads, with no reading, routing or \
        writing. The Python peer (`bench/python-peer/batch.py`, Debian's pandas and xgboost) \
        reads the CSV with pandas, encodes each contract's rows with ScopeML's one-hot rules, \
        calls `inplace_predict` once per scope on one thread with the same model (trained by \
        `train.py` on the same rows and parameters), and writes the CSV with `to_csv`."""
            .formatted(rows, endToEnd.values().iterator().next().size()));
    report.command("bench/batch.sh");
    var table = new ArrayList<List<String>>();
    for (var entry : endToEnd.entrySet()) {
      String[] key = entry.getKey().split("\\|");
      int workers = Integer.parseInt(key[1]);
      double median = Stats.median(entry.getValue());
      table.add(
          List.of(
              key[0].equals("csv") ? "CSV → CSV" : "Parquet → Parquet",
              Integer.toString(workers),
              number(median, 0),
              number(ceiling.get(workers), 0),
              number(median / ceiling.get(workers), 2),
              number(median / python, 1) + "×"));
    }
    report.table(
        List.of(
            "path",
            "workers",
            "rows/s (median)",
            "in-process ceiling, same threads",
            "of the ceiling",
            "vs pandas + xgboost"),
        table);
    report.paragraph(
        "pandas + Python xgboost, one process: %s rows/s.".formatted(number(python, 0)));
    for (String format : List.of("csv", "parquet")) {
      String name = format.equals("csv") ? "CSV → CSV" : "Parquet → Parquet";
      double two = Stats.median(endToEnd.get(format + "|2"));
      double ofCeiling = two / ceiling.get(2);
      double vsPython = Stats.median(endToEnd.get(format + "|1")) / python;
      Target ceilingTarget = Target.atLeast(ofCeiling, CEILING_TARGET, "≥ 0.5");
      Target pythonTarget = Target.atLeast(vsPython, PYTHON_TARGET, "≥ 3×");
      report.summary(
          "10",
          name + ", 2 workers: share of the in-process ceiling",
          number(ofCeiling, CEILING_TARGET, 2),
          ceilingTarget);
      report.summary(
          "10",
          name + ", 1 worker: vs pandas + xgboost",
          number(vsPython, PYTHON_TARGET, 1) + "×",
          pythonTarget);
    }
    return report;
  }
}

package dev.scopeml.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code scopeml score}: submits a batch scoring job, shows a live progress bar with rows per
 * second, then the totals. Exits 0 when the job succeeded, 1 otherwise.
 */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    description = "Score a file or a table with a model, by scope, on the trainer's workers.")
final class ScoreCommand implements Callable<Integer> {

  static final Set<String> ENDED = Set.of("succeeded", "failed", "cancelled");

  @Mixin TrainerOptions trainer;

  @Option(names = "--model", required = true, description = "Model name.")
  String model;

  @Option(
      names = "--csv",
      description =
          "CSV file: a file on this machine (uploaded first) or a name in the trainer's data"
              + " directory.")
  String csv;

  @Option(
      names = "--parquet",
      description = "Parquet file, or folder of Parquet files, in the trainer's data directory.")
  String parquet;

  @Option(names = "--jdbc-source", description = "Named JDBC source of the trainer to read.")
  String jdbcSource;

  @Option(names = "--jdbc-table", description = "Table of the JDBC source.")
  String jdbcTable;

  @Option(names = "--jdbc-query", description = "Configured query of the JDBC source.")
  String jdbcQuery;

  @Option(names = "--key", description = "Unique column splitting a JDBC input into chunks.")
  String key;

  @Option(
      names = "--out",
      description = "New folder in the trainer's data directory for the part files.")
  String out;

  @Option(
      names = "--format",
      description = "csv (default; parquet with --engine spark) or parquet.")
  String format;

  @Option(names = "--compression", description = "Parquet codec: snappy (default), zstd or none.")
  String compression;

  @Option(names = "--table", description = "New table of --table-source for the scored rows.")
  String table;

  @Option(names = "--table-source", description = "Named JDBC source of --table.")
  String tableSource;

  @Option(
      names = "--carry",
      split = ",",
      description = "Input columns copied to the output, comma-separated (ids).")
  List<String> carry = new ArrayList<>();

  @Option(
      names = "--version",
      description =
          "Score scope S with version V, as S@V (default: the active versions); repeatable.")
  List<String> versions = new ArrayList<>();

  @Option(
      names = "--max-errors",
      description =
          "Rejected rows tolerated: a count, or a fraction below 1 (trainer default 0.01).")
  String maxErrors;

  @Option(names = "--chunk-rows", description = "Rows per chunk (trainer default 50,000).")
  Integer chunkRows;

  @Option(
      names = "--engine",
      description =
          "What runs the job: trainer (default), or spark (Parquet out, partitioned by scope).")
  String engine;

  @Option(names = "--no-wait", description = "Submit and print the job id without watching.")
  boolean noWait;

  @Option(
      names = "--poll",
      defaultValue = "PT0.5S",
      description = "Progress poll interval (ISO-8601, default ${DEFAULT-VALUE}).")
  Duration poll;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    TrainerClient client = trainer.client();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, Object> request = request(input(client, err), output());
    JsonNode accepted = client.post("/v1/scoring-jobs", request);
    String job = accepted.get("job").asString();
    if (noWait) {
      out.println(job);
      return 0;
    }
    err.printf(
        "job %s queued: %,d rows in %d chunks, %d pinned versions%n",
        job,
        accepted.get("rows").asLong(),
        accepted.get("chunks").get("total").asInt(),
        accepted.get("versions").size());
    JsonNode view = watch(client, job, err);
    out.print(JobReport.totals(view));
    out.flush();
    return view.get("status").asString().equals("succeeded") ? 0 : 1;
  }

  /** The job request as the trainer's API takes it. */
  Map<String, Object> request(Map<String, Object> input, Map<String, Object> output) {
    var request = new LinkedHashMap<String, Object>();
    request.put("model", model);
    putIfSet(request, "engine", engine);
    request.put("input", input);
    request.put("output", output);
    if (!carry.isEmpty()) {
      request.put("carry", carry);
    }
    if (!versions.isEmpty()) {
      var pinned = new LinkedHashMap<String, Object>();
      for (String version : versions) {
        int at = version.lastIndexOf('@');
        if (at <= 0) {
          throw new CommandLine.ParameterException(
              spec.commandLine(), "--version '" + version + "' is not scope@version");
        }
        pinned.put(
            version.substring(0, at), TrainCommand.number("version", version.substring(at + 1)));
      }
      request.put("versions", pinned);
    }
    if (maxErrors != null) {
      request.put("maxErrors", TrainCommand.number("max-errors", maxErrors));
    }
    putIfSet(request, "chunkRows", chunkRows);
    return request;
  }

  private Map<String, Object> input(TrainerClient client, PrintWriter err) {
    int given = (csv != null ? 1 : 0) + (parquet != null ? 1 : 0) + (jdbcSource != null ? 1 : 0);
    if (given != 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give exactly one of --csv, --parquet and --jdbc-source");
    }
    if (csv != null) {
      return Map.of("csv", CsvArgument.resolve(csv, client, err));
    }
    if (parquet != null) {
      return Map.of("parquet", parquet);
    }
    var jdbc = new LinkedHashMap<String, Object>();
    jdbc.put("source", jdbcSource);
    putIfSet(jdbc, "table", jdbcTable);
    putIfSet(jdbc, "query", jdbcQuery);
    putIfSet(jdbc, "key", key);
    return Map.of("jdbc", jdbc);
  }

  private Map<String, Object> output() {
    if ((out == null) == (table == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give exactly one of --out and --table");
    }
    var output = new LinkedHashMap<String, Object>();
    if (out != null) {
      output.put("folder", out);
      putIfSet(output, "format", format);
      putIfSet(output, "compression", compression);
      return output;
    }
    if (tableSource == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--table needs --table-source, the JDBC source to write to");
    }
    output.put("jdbc", Map.of("source", tableSource, "table", table));
    return output;
  }

  private JsonNode watch(TrainerClient client, String job, PrintWriter err)
      throws InterruptedException {
    boolean terminal = System.console() != null;
    String last = "";
    while (true) {
      JsonNode view = client.get("/v1/scoring-jobs/" + job);
      String line = JobReport.progress(view);
      if (terminal) {
        err.print("\r" + line);
      } else if (!line.equals(last)) {
        err.println(line);
      }
      err.flush();
      last = line;
      if (ENDED.contains(view.get("status").asString())) {
        if (terminal) {
          err.println();
        }
        return view;
      }
      Thread.sleep(poll);
    }
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}

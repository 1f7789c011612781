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
 * {@code scopeml train}: submits a run, shows a live progress bar, then the per-scope table. Exits
 * 0 when every scope succeeded or was skipped, 1 otherwise.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train one model per scope and watch the run.")
final class TrainCommand implements Callable<Integer> {

  static final Set<String> ENDED = Set.of("succeeded", "partially_failed", "failed", "cancelled");

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
      description = "Parquet file, or folder of them, in the trainer's data directory.")
  String parquet;

  @Option(names = "--jdbc-source", description = "Named JDBC source of the trainer.")
  String jdbcSource;

  @Option(names = "--jdbc-table", description = "Table of the JDBC source.")
  String jdbcTable;

  @Option(names = "--jdbc-query", description = "Configured query of the JDBC source.")
  String jdbcQuery;

  @Option(names = "--label", required = true, description = "Label column.")
  String label;

  @Option(names = "--scope-by", split = ",", description = "Scope columns, comma-separated.")
  List<String> scopeBy = new ArrayList<>();

  @Option(
      names = "--scope",
      description = "Train only this scope, as column=value[,column=value]; repeatable.")
  List<String> scopes = new ArrayList<>();

  @Option(names = "--feature", split = ",", description = "Feature columns (default: all others).")
  List<String> features;

  @Option(names = "--type", description = "Column kind override, column=numeric|categorical.")
  Map<String, String> types = new LinkedHashMap<>();

  @Option(
      names = "--algorithm",
      defaultValue = "xgboost",
      description = "Default ${DEFAULT-VALUE}.")
  String algorithm;

  @Option(names = "--param", description = "Hyperparameter, name=number; repeatable.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--holdout", description = "Held-out share (trainer default 0.2).")
  Double holdout;

  @Option(names = "--seed", description = "Seed (trainer default 42).")
  Long seed;

  @Option(names = "--min-rows", description = "Smallest scope to train (trainer default 50).")
  Integer minRows;

  @Option(
      names = "--global",
      negatable = true,
      description = "Also train a global model over all rows.")
  Boolean global;

  @Option(names = "--promote", description = "always, never or if-better (trainer default).")
  String policy;

  @Option(names = "--metric", description = "Metric if-better compares (default auc).")
  String metric;

  @Option(
      names = "--engine",
      description =
          "What trains the scopes: trainer (the trainers' workers, default) or spark (the"
              + " trainer's Spark master).")
  String engine;

  @Option(names = "--no-wait", description = "Submit and print the run id without watching.")
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
    Map<String, Object> source = source(client, err);
    JsonNode accepted = client.post("/v1/runs", request(source));
    String run = accepted.get("run").asString();
    if (noWait) {
      out.println(run);
      return 0;
    }
    err.println("run " + run + " queued: " + accepted.get("total").asInt() + " scopes");
    JsonNode view = watch(client, run, err);
    out.print(RunReport.scopes(view));
    out.flush();
    return view.get("status").asString().equals("succeeded") ? 0 : 1;
  }

  /** The run request as the trainer's API takes it. */
  Map<String, Object> request(Map<String, Object> source) {
    var request = new LinkedHashMap<String, Object>();
    request.put("model", model);
    request.put("source", source);
    request.put("label", label);
    request.put("scopeBy", scopeBy);
    if (!scopes.isEmpty()) {
      request.put("scopes", scopes.stream().map(TrainCommand::scope).toList());
    }
    if (features != null) {
      request.put("features", features);
    }
    if (!types.isEmpty()) {
      request.put("types", types);
    }
    request.put("algorithm", algorithm);
    var numbers = new LinkedHashMap<String, Object>();
    params.forEach((name, value) -> numbers.put(name, number(name, value)));
    request.put("params", numbers);
    putIfSet(request, "holdout", holdout);
    putIfSet(request, "seed", seed);
    putIfSet(request, "minRows", minRows);
    putIfSet(request, "global", global);
    if (policy != null || metric != null) {
      var promote = new LinkedHashMap<String, Object>();
      putIfSet(promote, "policy", policy);
      putIfSet(promote, "metric", metric);
      request.put("promote", promote);
    }
    putIfSet(request, "engine", engine);
    return request;
  }

  private Map<String, Object> source(TrainerClient client, PrintWriter err) {
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
    return Map.of("jdbc", jdbc);
  }

  private JsonNode watch(TrainerClient client, String run, PrintWriter err)
      throws InterruptedException {
    boolean terminal = System.console() != null;
    String last = "";
    while (true) {
      JsonNode view = client.get("/v1/runs/" + run);
      String line = RunReport.progress(view);
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

  private static Map<String, String> scope(String text) {
    var values = new LinkedHashMap<String, String>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--scope '" + text + "' is not column=value[,…]");
      }
      values.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return values;
  }

  /** Hyperparameters are numbers: integers stay integers so the trainer's ranges read them so. */
  static Object number(String name, String value) {
    try {
      return Long.valueOf(value);
    } catch (NumberFormatException notAnInteger) {
      try {
        return Double.valueOf(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--param " + name + "=" + value + " is not a number");
      }
    }
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}

package dev.scopeml.cli.demo;

import dev.scopeml.cli.TrainerClient;
import dev.scopeml.cli.stack.LocalStack;
import dev.scopeml.cli.stack.LocalTier;
import dev.scopeml.cli.stack.SecretFile;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import dev.scopeml.kafka.stream.StreamReport;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.TierState;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The main job, end to end, on the local stack: train telco churn by contract, predict through
 * nginx, stream the telco file through Kafka, retrain and promote explicitly, roll the scorers to a
 * new release under load. Trainer commands run through the CLI's own {@code train} and {@code
 * promote}, so the demo shows exactly what a user would see.
 */
final class Demo {

  static final String MODEL = "churn";
  private static final String CSV = "telco_churn.csv";

  private final LocalStack stack;
  private final PrintWriter out;
  private final Function<List<String>, Integer> cli;
  private final boolean terminal;

  /**
   * @param stack the local stack
   * @param out where the demo talks
   * @param cli runs a scopeml subcommand (name first) and returns its exit code
   * @param terminal whether {@code out} is a terminal, for the live counter
   */
  Demo(LocalStack stack, PrintWriter out, Function<List<String>, Integer> cli, boolean terminal) {
    this.stack = stack;
    this.out = out;
    this.cli = cli;
    this.terminal = terminal;
  }

  DemoReport run(boolean down) throws IOException, InterruptedException {
    StackPaths paths = stack.paths();
    List<DemoCustomers.Customer> customers = DemoCustomers.from(paths.datasets().resolve(CSV));

    section("1/7", "Start the local stack");
    StackState state = stack.up();
    String token = new SecretFile(paths.adminTokenFile()).read();
    var trainer = new TrainerClient(URI.create(state.trainerUrl()), token);
    String front = frontUrl(state, paths);
    var predictions = new DemoPredictions(new ScoringClient(front, MODEL), customers, out);
    say("  trainer " + state.trainerUrl() + ", predictions through " + front);

    section("2/7", "Train telco churn: one XGBoost model per contract type, plus a global one");
    Map<String, Integer> trained =
        train(state, token, trainer, "always", "trees=100", "maxDepth=4", "eta=0.3");
    section("3/7", "Predict through " + (state.nginxUrl() != null ? "nginx" : "a scorer"));
    say(
        "  POST "
            + front
            + "/v1/models/"
            + MODEL
            + "/predict with "
            + customers.size()
            + " customers; each is answered by its contract's model, an unseen contract by the"
            + " global one");
    List<ScoringClient.Prediction> first = predictions.awaitServed(trained).predictions();
    predictions.print(first);

    section("4/7", "Stream the telco file through Kafka: the scorers answer it in their group");
    StreamReport stream =
        DemoStream.run(state.kafkaBootstrap(), paths.datasets().resolve(CSV), MODEL, out, terminal);

    section("5/7", "Retrain with other parameters, then promote the new versions explicitly");
    Map<String, Integer> retrained =
        train(state, token, trainer, "never", "trees=300", "maxDepth=3", "eta=0.05");
    ScoringClient.Answer before = predictions.now();
    say(
        "  stored, not active: the scorers still answer with "
            + DemoPredictions.versions(before.predictions()));
    promote(state, token, retrained);
    long promotedAt = System.nanoTime();
    ScoringClient.Answer after = predictions.awaitServed(retrained);
    say(
        String.format(
            Locale.ROOT,
            "  the scorers swapped to the promoted versions %.1f s after the promotion, without a"
                + " restart:",
            (System.nanoTime() - promotedAt) / 1e9));
    predictions.print(after.predictions());

    section("6/7", "Roll the scorers to a new release while a load runs");
    DemoRollout.Rollout rollout =
        new DemoRollout(paths, out, terminal)
            .run(
                URI.create(front + "/v1/models/" + MODEL + "/predict"),
                predictions.rows(),
                state.nginxUrl() != null);

    section("7/7", "Score the bundled file in a batch job, on the trainer's workers");
    score(state, token);

    var report =
        new DemoReport(
            trained,
            first,
            stream,
            retrained,
            after.predictions(),
            rollout.from(),
            rollout.to(),
            rollout.result(),
            rollout.load());
    if (down) {
      section("done", "Stopping the stack (--down)");
      stack.down();
    } else {
      DemoHints.print(out, state, front, paths);
    }
    return report;
  }

  /**
   * Scores the bundled file with the versions active now, through the CLI's own {@code score}, into
   * a new folder of the trainer's data directory.
   */
  private void score(StackState state, String token) {
    String folder =
        "scored/telco-"
            + java.time.LocalDateTime.now()
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    var args =
        List.of(
            "--model",
            MODEL,
            "--csv",
            CSV,
            "--out",
            folder,
            "--carry",
            DemoCustomers.SCOPE,
            "--chunk-rows",
            "2000");
    say("  $ scopeml score " + String.join(" ", quoted(args)));
    run("score", trainerArgs(state, token, args.toArray(String[]::new)));
    say(
        "  the part files, _SUCCESS and any _rejects are in the trainer's data directory under "
            + folder);
  }

  /** Promotes each scope's version explicitly, as an operator would with {@code promote}. */
  private void promote(StackState state, String token, Map<String, Integer> versions) {
    boolean shown = false;
    for (var scope : versions.entrySet()) {
      if (!shown) {
        say(
            "  $ scopeml promote --model churn --scope '"
                + scope.getKey()
                + "' --version "
                + scope.getValue()
                + "   (and likewise for each scope)");
        shown = true;
      }
      run(
          "promote",
          trainerArgs(
              state,
              token,
              "--model",
              MODEL,
              "--scope",
              scope.getKey(),
              "--version",
              scope.getValue().toString(),
              "--reason",
              "demo: retrained with 300 shallower trees"));
    }
  }

  /** Runs {@code train}, shows its progress and table, and returns the versions it stored. */
  private Map<String, Integer> train(
      StackState state, String token, TrainerClient trainer, String promote, String... params) {
    var args =
        new ArrayList<>(
            List.of(
                "--model",
                MODEL,
                "--csv",
                CSV,
                "--label",
                DemoCustomers.LABEL,
                "--scope-by",
                DemoCustomers.SCOPE,
                "--global"));
    for (String param : params) {
      args.add("--param");
      args.add(param);
    }
    args.add("--promote");
    args.add(promote);
    say("  $ scopeml train " + String.join(" ", quoted(args)));
    run("train", trainerArgs(state, token, args.toArray(String[]::new)));
    JsonNode view = newestRun(trainer);
    var versions = new LinkedHashMap<String, Integer>();
    for (JsonNode scope : view.get("scopes")) {
      if (scope.get("status").asString().equals("succeeded")) {
        versions.put(scope.get("scope").asString(), scope.get("version").asInt());
      }
    }
    return versions;
  }

  /** The newest run of the demo's model, as the trainer's run view (scopes, versions). */
  private static JsonNode newestRun(TrainerClient trainer) {
    for (JsonNode run : trainer.get("/v1/runs?limit=20")) {
      if (run.get("model").asString().equals(MODEL)) {
        return trainer.get("/v1/runs/" + run.get("run").asString());
      }
    }
    throw new StackException("the trainer has no run of " + MODEL);
  }

  /** nginx when it runs, else the first scorer. */
  private static String frontUrl(StackState state, StackPaths paths) {
    if (state.nginxUrl() != null) {
      return state.nginxUrl();
    }
    try (var tier = LocalTier.inspect(paths)) {
      Backend first =
          tier.state()
              .map(TierState::backends)
              .filter(backends -> !backends.isEmpty())
              .map(List::getFirst)
              .orElseThrow(() -> new StackException("no scorer runs"));
      return "http://" + first.address();
    }
  }

  private static List<String> trainerArgs(StackState state, String token, String... args) {
    var all = new ArrayList<>(List.of("--trainer-url", state.trainerUrl(), "--token", token));
    all.addAll(List.of(args));
    return all;
  }

  private void run(String command, List<String> args) {
    var full = new ArrayList<String>();
    full.add(command);
    full.addAll(args);
    int code = cli.apply(full);
    if (code != 0) {
      throw new StackException("scopeml " + command + " failed (exit " + code + ")");
    }
  }

  private static List<String> quoted(List<String> args) {
    return args.stream().map(arg -> arg.contains(" ") ? "'" + arg + "'" : arg).toList();
  }

  private void section(String number, String title) {
    say("");
    say("== " + number + "  " + title);
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }
}

package dev.scopeml.cli.stack;

import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.RolloutResult;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierState;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The main job, end to end, on the local stack: train telco churn by contract, predict through
 * nginx, retrain and promote explicitly, roll the scorers to a new release under load. Trainer
 * commands run through the CLI's own {@code train} and {@code promote}, so the demo shows exactly
 * what a user would see.
 */
final class Demo {

  static final String MODEL = "churn";
  private static final String CSV = "telco_churn.csv";
  private static final Duration SWAP_TIMEOUT = Duration.ofSeconds(60);

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

    section("1/5", "Start the local stack");
    StackState state = stack.up();
    String token = new SecretFile(paths.adminTokenFile()).read();
    var admin = new AdminApi(state.trainerUrl(), token);
    String front = frontUrl(state, paths);
    var client = new ScoringClient(front, MODEL);
    say("  trainer " + state.trainerUrl() + ", predictions through " + front);

    section("2/5", "Train telco churn: one XGBoost model per contract type, plus a global one");
    Map<String, Integer> trained =
        train(state, token, admin, "always", "trees=100", "maxDepth=4", "eta=0.3");
    section("3/5", "Predict through " + (state.nginxUrl() != null ? "nginx" : "a scorer"));
    say(
        "  POST "
            + front
            + "/v1/models/"
            + MODEL
            + "/predict with "
            + customers.size()
            + " customers; each is answered by its contract's model, an unseen contract by the"
            + " global one");
    List<ScoringClient.Prediction> first = awaitServed(client, customers, trained).predictions();
    printPredictions(customers, first);

    section("4/5", "Retrain with other parameters, then promote the new versions explicitly");
    Map<String, Integer> retrained =
        train(state, token, admin, "never", "trees=300", "maxDepth=3", "eta=0.05");
    ScoringClient.Answer before = client.predict(rows(customers));
    say("  stored, not active: the scorers still answer with " + versions(before.predictions()));
    boolean shown = false;
    for (var scope : retrained.entrySet()) {
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
    long promotedAt = System.nanoTime();
    ScoringClient.Answer after = awaitServed(client, customers, retrained);
    say(
        String.format(
            Locale.ROOT,
            "  the scorers swapped to the promoted versions %.1f s after the promotion, without a"
                + " restart:",
            (System.nanoTime() - promotedAt) / 1e9));
    printPredictions(customers, after.predictions());

    section("5/5", "Roll the scorers to a new release while a load runs");
    Rollout rollout = rollout(paths, client, customers, state.nginxUrl() != null);

    var report =
        new DemoReport(
            trained,
            first,
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
      explore(state, front, paths);
    }
    return report;
  }

  /** Runs {@code train}, shows its progress and table, and returns the versions it stored. */
  private Map<String, Integer> train(
      StackState state, String token, AdminApi admin, String promote, String... params) {
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
    JsonNode view = admin.newestRun(MODEL);
    var versions = new LinkedHashMap<String, Integer>();
    for (JsonNode scope : view.get("scopes")) {
      if (scope.get("status").asString().equals("succeeded")) {
        versions.put(scope.get("scope").asString(), scope.get("version").asInt());
      }
    }
    return versions;
  }

  /** The demo's rollout: the next release label, the same jar, a live count of the load. */
  private Rollout rollout(
      StackPaths paths,
      ScoringClient client,
      List<DemoCustomers.Customer> customers,
      boolean balanced)
      throws InterruptedException {
    ScorerRelease current;
    try (var look = LocalTier.inspect(paths)) {
      current = look.state().orElseThrow(() -> new StackException("no tier state")).release();
    }
    String next = nextLabel(current.version());
    var release =
        new ScorerRelease(next, current.artifact(), current.environment(), current.arguments());
    say("  $ scopeml rollout --to " + next);
    if (!balanced) {
      say("  nginx is not installed: rolling without load (clients would need the new ports)");
      try (var tier = LocalTier.open(paths, new StepPrinter(out), this::say)) {
        return new Rollout(current.version(), next, tier.controller().rollout(release), null);
      }
    }
    var load = new DemoLoad(client, rows(customers), 3);
    var live = new LiveCounter(out, load, terminal);
    RolloutResult result;
    try {
      Thread.sleep(1500);
      try (var tier = LocalTier.open(paths, live, live::step)) {
        result = tier.controller().rollout(release);
      }
      // Requests sent from here on must all be answered by the new release.
      load.mark();
      Thread.sleep(2000);
    } finally {
      load.close();
      live.close();
    }
    DemoLoad.Counts counts = load.counts();
    if (result.succeeded()) {
      say(
          String.format(
              Locale.ROOT,
              "  rollout %s -> %s: %d scorers replaced in %.1f s. Requests during it: %,d sent, %d"
                  + " failed%s; after the swap every answer came from %s",
              current.version(),
              next,
              result.replaced(),
              result.duration().toMillis() / 1000.0,
              counts.sent(),
              counts.failed(),
              counts.resent() == 0
                  ? ""
                  : ", "
                      + counts.resent()
                      + " resent (nginx closed an idle keep-alive connection as a worker"
                      + " retired; resent once on a new connection)",
              String.join(", ", counts.sinceMark().keySet())));
    } else {
      say("  rollout to " + next + " failed: " + result.failure());
    }
    for (String failure : load.failures()) {
      say("  failed request: " + failure);
    }
    return new Rollout(current.version(), next, result, counts);
  }

  /** How the demo's rollout went. */
  private record Rollout(String from, String to, RolloutResult result, DemoLoad.Counts load) {}

  /** Predicts until every customer is answered by the expected version, several times running. */
  private ScoringClient.Answer awaitServed(
      ScoringClient client, List<DemoCustomers.Customer> customers, Map<String, Integer> expected)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
    int agreeing = 0;
    ScoringClient.Answer answer;
    while (true) {
      answer = client.predict(rows(customers));
      // nginx alternates between the scorers: several answers in a row cover each of them.
      agreeing = served(answer, customers, expected) ? agreeing + 1 : 0;
      if (agreeing == 4) {
        return answer;
      }
      if (System.nanoTime() > deadline) {
        throw new StackException(
            "the scorers did not serve "
                + expected
                + " within "
                + SWAP_TIMEOUT.toSeconds()
                + " s; last answer: "
                + answer.status()
                + " "
                + answer.body());
      }
      Thread.sleep(100);
    }
  }

  private static boolean served(
      ScoringClient.Answer answer,
      List<DemoCustomers.Customer> customers,
      Map<String, Integer> expected) {
    if (answer.status() != 200 || answer.predictions().size() != customers.size()) {
      return false;
    }
    for (int i = 0; i < customers.size(); i++) {
      ScoringClient.Prediction prediction = answer.predictions().get(i);
      Integer version = expected.get(customers.get(i).expectedScope());
      if (version == null
          || prediction.version() != version
          || !prediction.scope().equals(customers.get(i).expectedScope())) {
        return false;
      }
    }
    return true;
  }

  private void printPredictions(
      List<DemoCustomers.Customer> customers, List<ScoringClient.Prediction> predictions) {
    String format = "  %-15s %6s %8s   %-28s %7s  %-6s %8s%n";
    out.printf(
        format, "contract", "tenure", "monthly", "answered by", "version", "churn", "P(churn)");
    for (int i = 0; i < customers.size(); i++) {
      Map<String, Object> features = customers.get(i).features();
      ScoringClient.Prediction prediction = predictions.get(i);
      out.printf(
          Locale.ROOT,
          format,
          customers.get(i).contract(),
          features.get("tenure"),
          features.get("monthly_charges"),
          prediction.scope() + (prediction.fallback() ? " (fallback)" : ""),
          "v" + prediction.version(),
          prediction.label(),
          String.format(Locale.ROOT, "%.3f", prediction.probabilities().getOrDefault("Yes", 0.0)));
    }
    out.flush();
  }

  private void explore(StackState state, String front, StackPaths paths) {
    String token = StackPaths.show(paths.adminTokenFile());
    section("next", "The stack is still up: explore it, then stop it with ./scopeml down");
    say("  # predict (native API), through nginx");
    say("  curl -s " + front + "/v1/models/churn/predict -H 'Content-Type: application/json' \\");
    say(
        "    -d '{\"instances\": [{\"contract\": \"One year\", \"tenure\": 12,"
            + " \"monthly_charges\": 50.5, \"internet_service\": \"DSL\"}]}'");
    say("  # the same with the Open Inference Protocol v2");
    say("  curl -s " + front + "/v2/models/churn/infer -H 'Content-Type: application/json' \\");
    say(
        "    -d '{\"parameters\": {\"scope\": \"contract=One year\"}, \"inputs\": ["
            + "{\"name\": \"tenure\", \"datatype\": \"FP64\", \"shape\": [1], \"data\": [12]},"
            + " {\"name\": \"internet_service\", \"datatype\": \"BYTES\", \"shape\": [1],"
            + " \"data\": [\"DSL\"]}]}'");
    say("  # the admin API needs the token");
    say(
        "  curl -s -H \"Authorization: Bearer $(cat "
            + token
            + ")\" "
            + state.trainerUrl()
            + "/v1/models/churn");
    say("  ./scopeml models churn        ./scopeml runs");
    say("  ./scopeml rollback --model churn --scope 'contract=One year'");
    say("  ./scopeml status              ./scopeml scale --replicas 3");
    say("  ./scopeml rollout --to release-9   (a label) or --to path/to/scorer.jar");
    say("  ./scopeml down");
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

  /** {@code release-1} → {@code release-2}; a label without a number gets {@code -2}. */
  static String nextLabel(String label) {
    Matcher number = Pattern.compile("^(.*?)(\\d+)$").matcher(label);
    return number.matches()
        ? number.group(1) + (Long.parseLong(number.group(2)) + 1)
        : label + "-2";
  }

  private static List<Map<String, Object>> rows(List<DemoCustomers.Customer> customers) {
    return customers.stream().map(DemoCustomers.Customer::features).toList();
  }

  private static String versions(List<ScoringClient.Prediction> predictions) {
    return predictions.stream()
        .map(p -> p.scope() + " v" + p.version())
        .distinct()
        .reduce((a, b) -> a + ", " + b)
        .orElse("nothing");
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

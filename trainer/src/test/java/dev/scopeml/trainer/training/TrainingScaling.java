package dev.scopeml.trainer.training;

import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.testing.TestPostgres;
import dev.scopeml.trainer.TrainerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measurement, not a test: trains MLC churn by state (51 scopes, xgboost defaults) on a trainer
 * with 1 and then 2 worker threads, each on a fresh database, and prints the run's wall time, the
 * speedup, and where task time goes (load, encode, fit, evaluate, store). Run by {@code
 * trainer/bench/training-scaling.sh}.
 */
public final class TrainingScaling {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TOKEN = "bench-token";
  private static final List<String> PHASES =
      List.of("load", "split", "encode", "fit", "evaluate", "envelope", "store");

  private TrainingScaling() {}

  public static void main(String[] args) throws Exception {
    Path datasets = Path.of(args.length > 0 ? args[0] : "../datasets");
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    Path dataDir = Files.createTempDirectory("scopeml-bench");
    Files.copy(datasets.resolve("mlc_churn.csv"), dataDir.resolve("mlc_churn.csv"));

    // Alternating 1 and 2 workers spreads any other load on the machine over both.
    var measured = new java.util.ArrayList<Measured>();
    for (int repeat = 1; repeat <= repeats; repeat++) {
      for (int workers : new int[] {1, 2}) {
        measured.add(measure(workers, dataDir));
      }
    }
    double oneWorker = median(measured, 1);
    System.out.println();
    System.out.println(
        "| workers | wall s | speedup | tasks | task s (sum) | load | encode | fit | evaluate"
            + " | serialize | store | outside fit | load+encode+serialize+store |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    measured.forEach(m -> System.out.println(m.line(oneWorker)));
    System.out.printf(
        Locale.ROOT,
        "%nmedian wall time: 1 worker %.2f s, 2 workers %.2f s, speedup %.2fx (%d runs each)%n",
        oneWorker,
        median(measured, 2),
        oneWorker / median(measured, 2),
        repeats);
    System.exit(0);
  }

  private static double median(List<Measured> measured, int workers) {
    double[] walls =
        measured.stream()
            .filter(m -> m.workers() == workers)
            .mapToDouble(Measured::wall)
            .sorted()
            .toArray();
    int n = walls.length;
    return n % 2 == 1 ? walls[n / 2] : (walls[n / 2 - 1] + walls[n / 2]) / 2;
  }

  private static Measured measure(int workers, Path dataDir) throws Exception {
    DatabaseSettings db = TestPostgres.freshDatabase("bench_" + workers);
    var context =
        new SpringApplicationBuilder(TrainerApplication.class)
            .run(
                "--server.port=0",
                "--scopeml.db.url=" + db.url(),
                "--scopeml.db.user=" + db.user(),
                "--scopeml.db.password=" + db.password(),
                "--scopeml.admin-token=" + TOKEN,
                "--scopeml.data-dir=" + dataDir,
                "--scopeml.trainer.workers=" + workers,
                "--scopeml.trainer.poll-interval=50ms",
                "--logging.level.dev.scopeml=WARN");
    try {
      int port = ((WebServerApplicationContext) context).getWebServer().getPort();
      URI base = URI.create("http://127.0.0.1:" + port);
      // Warm the JIT and xgboost's native library on a run that is not measured.
      await(base, submit(base, "warmup", List.of("state"), Map.of("trees", 20)));
      JsonNode run = await(base, submit(base, "mlc", List.of("state"), Map.of()));
      return Measured.of(workers, run);
    } finally {
      context.close();
    }
  }

  private static String submit(URI base, String model, List<String> scopeBy, Map<String, ?> params)
      throws Exception {
    var body =
        Map.of(
            "model",
            model,
            "source",
            Map.of("csv", "mlc_churn.csv"),
            "label",
            "churn",
            "scopeBy",
            scopeBy,
            "algorithm",
            "xgboost",
            "params",
            params);
    return call(base, "POST", "/v1/runs", JSON.writeValueAsString(body)).get("run").asString();
  }

  private static JsonNode await(URI base, String run) throws Exception {
    while (true) {
      JsonNode view = call(base, "GET", "/v1/runs/" + run, null);
      String status = view.get("status").asString();
      if (!status.equals("queued") && !status.equals("running")) {
        if (!status.equals("succeeded")) {
          throw new IllegalStateException("run " + run + " ended " + status + ": " + view);
        }
        return view;
      }
      Thread.sleep(50);
    }
  }

  private static JsonNode call(URI base, String method, String path, String body) throws Exception {
    var request =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private record Measured(
      int workers, double wall, int tasks, double taskSeconds, Map<String, Double> phases) {

    static Measured of(int workers, JsonNode run) {
      double wall =
          Duration.between(
                      Instant.parse(run.get("createdAt").asString()),
                      Instant.parse(run.get("finishedAt").asString()))
                  .toNanos()
              / 1e9;
      var phases = new java.util.LinkedHashMap<String, Double>();
      PHASES.forEach(phase -> phases.put(phase, 0.0));
      double taskSeconds = 0;
      int tasks = 0;
      for (JsonNode scope : run.get("scopes")) {
        tasks++;
        taskSeconds += scope.get("seconds").asDouble();
        for (String phase : PHASES) {
          JsonNode value = scope.get("timings").get(phase);
          phases.merge(phase, value == null ? 0 : value.asDouble(), Double::sum);
        }
      }
      return new Measured(workers, wall, tasks, taskSeconds, phases);
    }

    String line(double oneWorkerWall) {
      double outside = taskSeconds - phases.get("fit");
      double loadEncodeStore =
          phases.get("load")
              + phases.get("split")
              + phases.get("encode")
              + phases.get("envelope")
              + phases.get("store");
      return String.format(
          Locale.ROOT,
          "| %d | %.2f | %.2fx | %d | %.2f | %.3f | %.3f | %.2f | %.3f | %.3f | %.3f | %.1f%% | %.1f%% |",
          workers,
          wall,
          oneWorkerWall / wall,
          tasks,
          taskSeconds,
          phases.get("load"),
          phases.get("encode"),
          phases.get("fit"),
          phases.get("evaluate"),
          phases.get("envelope"),
          phases.get("store"),
          100 * outside / taskSeconds,
          100 * loadEncodeStore / taskSeconds);
    }
  }
}

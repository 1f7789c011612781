package dev.scopeml.bench.manymodels;

import static dev.scopeml.bench.report.Target.number;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.report.FigureReport;
import dev.scopeml.bench.report.Target;
import dev.scopeml.bench.stack.ProcessMemory;
import dev.scopeml.load.HttpAnswer;
import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.KeepAliveConnection;
import dev.scopeml.load.LoadResult;
import dev.scopeml.load.Stats;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.processes.JavaCommand;
import dev.scopeml.testsupport.metrics.PrometheusText;
import dev.scopeml.testsupport.postgres.TestPostgres;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Figure 7: stores many small models, then runs one scorer with a cache large enough for all of
 * them (memory, throughput over every scope) and one with a cache a tenth of that (latency of
 * requests that must load their scope, throughput when most requests miss). Requests go to the
 * scorer directly. Run by {@code bench/many-models.sh}.
 */
public final class ManyModelsBenchmark {

  private static final String PREDICT = "/v1/models/" + ManyModels.MODEL + "/predict";
  private static final String LOADS = "scopeml_model_load_seconds_count";
  private static final String LOADED = "outcome=\"loaded\"";
  private static final int CONNECTIONS = 8;

  private ManyModelsBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromEnvironment();
    Path work = settings.work().resolve("many-models");
    var models = new ManyModels(settings.count(10_000, 500));
    DatabaseSettings db = TestPostgres.freshDatabase("bench_many_models");
    double trainSeconds;
    try (var pool = Database.pool(db)) {
      trainSeconds = models.trainAndStore(new JdbcModelStore(pool));
    }
    Duration phase = settings.phase(Duration.ofSeconds(15), Duration.ofSeconds(4));
    var r = new Results();
    r.trainSeconds = trainSeconds;

    try (var scorer =
        scorer(
            db, "--scopeml.scorer.cache-max-bytes=" + (8L << 30), work.resolve("scorer-all.log"))) {
      r.readySeconds =
          scorer.startupTime("/readyz", Duration.ofMinutes(10), Duration.ofMillis(10)).toNanos()
              / 1e9;
      PrometheusText metrics = PrometheusText.scrape(scorer.port());
      r.cacheBytes = metrics.sum("scopeml_cache_size_bytes", "");
      r.cachedModels = metrics.sum("scopeml_cache_models", "");
      r.heapBytes = ProcessMemory.heapAfterFullGc(scorer.pid());
      r.rssBytes = ProcessMemory.residentBytes(scorer.pid());
      List<byte[]> requests = requests(scorer.port(), models);
      warmUp(scorer.port(), requests);
      r.allCached = load(scorer.port(), requests, phase);
      // Every scope has answered by now: each has whatever series it will ever have.
      PrometheusText answered = PrometheusText.scrape(scorer.port());
      r.series = answered.series("");
      r.scopemlSeries = answered.series("scopeml_");
    }

    long smallCache = Math.max(1, (long) (r.cacheBytes / 10));
    r.smallCacheBytes = smallCache;
    try (var scorer =
        scorer(
            db,
            "--scopeml.scorer.cache-max-bytes=" + smallCache,
            work.resolve("scorer-small.log"))) {
      scorer.awaitOk("/readyz", Duration.ofMinutes(10));
      coldLoads(scorer.port(), models, settings.count(200, 40), r);
      List<byte[]> requests = requests(scorer.port(), models);
      warmUp(scorer.port(), requests);
      double loadsBefore = PrometheusText.scrape(scorer.port()).sum(LOADS, LOADED);
      r.missing = load(scorer.port(), requests, phase);
      double loadsAfter = PrometheusText.scrape(scorer.port()).sum(LOADS, LOADED);
      r.missRatio = (loadsAfter - loadsBefore) / r.missing.samples().size();
    }
    report(settings, models, r).write(settings.results().resolve("7-many-models.md"));
    System.exit(0);
  }

  /** What the figure measured. */
  private static final class Results {
    double trainSeconds;
    double readySeconds;
    double cacheBytes;
    double cachedModels;
    long heapBytes;
    long rssBytes;
    long smallCacheBytes;
    LoadResult allCached;
    LoadResult missing;
    double missRatio;
    long series;
    long scopemlSeries;
    int coldErrors;
    String coldError;
    final List<Double> cold = new ArrayList<>();
    final List<Double> warm = new ArrayList<>();
    final List<Double> loadMillis = new ArrayList<>();
  }

  /**
   * Requests scopes one at a time; a request during which the scorer loaded a model is a cold
   * request, and the same scope's next request is its warm counterpart.
   */
  private static void coldLoads(int port, ManyModels models, int count, Results r)
      throws IOException {
    var random = new SplittableRandom(5);
    try (var connection = new KeepAliveConnection(port, 30_000)) {
      for (int attempt = 0; attempt < count * 3 && r.cold.size() < count; attempt++) {
        int scope = random.nextInt(models.scopes());
        byte[] request = HttpRequests.postJson(port, PREDICT, models.body(scope));
        PrometheusText before = PrometheusText.scrape(port);
        long start = System.nanoTime();
        HttpAnswer answer = connection.send(request);
        double coldMillis = (System.nanoTime() - start) / 1e6;
        PrometheusText after = PrometheusText.scrape(port);
        if (answer.status() != 200) {
          // Counted and reported, not fatal: the figure says what the scorer answered.
          r.coldErrors++;
          if (r.coldError == null) {
            r.coldError = answer.status() + " " + answer.text();
          }
          continue;
        }
        double loads = after.sum(LOADS, LOADED) - before.sum(LOADS, LOADED);
        if (loads < 1) {
          continue; // it was cached after all
        }
        long warmStart = System.nanoTime();
        connection.send(request);
        r.warm.add((System.nanoTime() - warmStart) / 1e6);
        r.cold.add(coldMillis);
        double seconds =
            after.sum("scopeml_model_load_seconds_sum", LOADED)
                - before.sum("scopeml_model_load_seconds_sum", LOADED);
        r.loadMillis.add(seconds * 1000 / loads);
      }
    }
  }

  /** A scorer of the packaged jar on {@code db} with its cache limited by {@code cacheSetting}. */
  private static ServiceProcess scorer(DatabaseSettings db, String cacheSetting, Path log) {
    return ServiceProcess.start(
        "scorer",
        JavaCommand.jar(ServiceJars.scorer()),
        List.of(cacheSetting),
        Services.credentials(db),
        log);
  }

  /** One request per scope. */
  private static List<byte[]> requests(int port, ManyModels models) {
    var requests = new ArrayList<byte[]>(models.scopes());
    for (int i = 0; i < models.scopes(); i++) {
      requests.add(HttpRequests.postJson(port, PREDICT, models.body(i)));
    }
    return requests;
  }

  /** A short unmeasured run, so the JIT has compiled the request path. */
  private static void warmUp(int port, List<byte[]> requests) {
    load(port, requests, Duration.ofSeconds(3));
  }

  private static LoadResult load(int port, List<byte[]> requests, Duration phase) {
    return HttpLoad.run(
        HttpLoad.Settings.of(port, requests).withDuration(phase).withConnections(CONNECTIONS));
  }

  private static FigureReport report(BenchSettings settings, ManyModels models, Results r) {
    double coldP50 = Stats.percentile(r.cold, 50);
    Target coldTarget = Target.atMost(coldP50, 20, "≤ 20 ms");
    var report = new FigureReport("7", "Many models in one scorer");
    report.paragraph(settings.caveat());
    report.paragraph(
        """
        %,d scopes of one model (`shop=s00000` …), each a real XGBoost fit through the same \
        algorithm the trainer uses: 200 generated rows of 10 numeric features whose label follows \
        weights drawn per scope, 20 boosting rounds of depth 4 (40 trees, as Tribuo's softprob \
        grows one tree per class per round), fitted on %d threads and stored (with 20 reference \
        rows, which the scorer replays before serving, as the trainer stores them) and promoted \
        through the model store, %s s in all. Then one scorer (default JVM settings) with a \
        cache large enough for every scope, and one whose cache holds a tenth of their \
        estimated size (%s \
        MB), each loaded by the closed-loop generator (%d keep-alive connections, directly, %d s \
        after a 3 s warm-up) with one-row requests spread uniformly over all scopes. Cold \
        requests: scopes asked one at a time; a request during which the scorer's \
        `scopeml_model_load_seconds` count rose waited for its scope to load."""
            .formatted(
                models.scopes(),
                Runtime.getRuntime().availableProcessors(),
                number(r.trainSeconds, 0),
                number(r.smallCacheBytes / 1e6, 1),
                CONNECTIONS,
                r.allCached == null ? 0 : (long) r.allCached.elapsedSeconds()));
    report.command("bench/many-models.sh");
    report.table(
        List.of("all scopes loaded", "value"),
        List.of(
            List.of("models in the cache", number(r.cachedModels, 0)),
            List.of("start → ready (all loaded)", number(r.readySeconds, 1) + " s"),
            List.of("cache's own size estimate", number(r.cacheBytes / 1e6, 1) + " MB"),
            List.of("heap after a full GC", number(r.heapBytes / 1e6, 1) + " MB"),
            List.of("resident set (RSS)", number(r.rssBytes / 1e6, 1) + " MB"),
            List.of(
                "heap ÷ models (an upper bound: the whole heap)",
                number((double) r.heapBytes / models.scopes() / 1e3, 1) + " kB"),
            List.of(
                "metric series after every scope answered (of them ScopeML's)",
                r.series + " (" + r.scopemlSeries + ")"),
            List.of(
                "throughput, every scope cached",
                number(r.allCached.throughput(), 0)
                    + " req/s (p99 "
                    + number(r.allCached.percentileMillis(99), 1)
                    + " ms)")));
    report.table(
        List.of("cache = a tenth of the scopes", "value"),
        List.of(
            List.of(
                "cold request (scope loaded on the request path), p50 / p99",
                number(coldP50, 1) + " / " + number(Stats.percentile(r.cold, 99), 1) + " ms"),
            List.of(
                "of which the load itself (scorer's timer), p50",
                number(Stats.percentile(r.loadMillis, 50), 1) + " ms"),
            List.of(
                "the same scope's next request, p50",
                number(Stats.percentile(r.warm, 50), 2) + " ms"),
            List.of(
                "throughput, working set 10× the cache",
                number(r.missing.throughput(), 0)
                    + " req/s (p99 "
                    + number(r.missing.percentileMillis(99), 1)
                    + " ms), "
                    + number(100 * r.missRatio, 0)
                    + "% of requests loaded a model"),
            List.of(
                "cold requests answered with an error (left out of the latencies)",
                Integer.toString(r.coldErrors)),
            List.of(
                "failed requests under load",
                Long.toString(r.allCached.failures() + r.missing.failures()))));
    report.table(
        List.of("figure", "value", "target", ""),
        List.of(
            List.of(
                "cold-load latency of one scope, p50",
                number(coldP50, 1) + " ms",
                coldTarget.text(),
                coldTarget.verdict())));
    if (Boolean.FALSE.equals(coldTarget.met())) {
      report.paragraph(
          """
          Missed: a cold request fetches the artifact from PostgreSQL, verifies its SHA-256, \
          decodes Tribuo's protobuf model, builds the flat predictor and replays the 20 \
          reference rows before answering; the \
          scorer's own timer puts the load at %s ms of the %s ms."""
              .formatted(number(Stats.percentile(r.loadMillis, 50), 1), number(coldP50, 1)));
    }
    if (r.coldErrors > 0) {
      report.paragraph(
          """
          %d cold requests were answered with an error instead of a prediction, the first: \
          `%s`. A request for a scope that is not cached must wait for its load and answer; an \
          error here is a defect of the scorer's cache, not of the load."""
              .formatted(r.coldErrors, r.coldError.replace('`', '\'')));
    }
    report.summary(
        "7",
        "many models: heap / RSS with all loaded",
        number(r.heapBytes / 1e6, 0) + " / " + number(r.rssBytes / 1e6, 0) + " MB",
        Target.none());
    report.summary(
        "7", "many models: cold-load latency p50", number(coldP50, 1) + " ms", coldTarget);
    report.summary(
        "7",
        "many models: metric series after every scope answered (ScopeML's)",
        r.series + " (" + r.scopemlSeries + ") for " + models.scopes() + " scopes",
        Target.none());
    report.summary(
        "7",
        "many models: throughput all cached / working set 10× cache",
        number(r.allCached.throughput(), 0) + " / " + number(r.missing.throughput(), 0) + " req/s",
        Target.none());
    return report;
  }
}

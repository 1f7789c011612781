package dev.scopeml.bench.swap;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.models.FigureModel;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.nginx.LocalTierDriver;
import dev.scopeml.nginx.NginxProcess;
import dev.scopeml.nginx.ScorerRelease;
import dev.scopeml.nginx.TierController;
import dev.scopeml.nginx.TierState;
import dev.scopeml.nginx.TierTimeouts;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.TestPostgres;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.Services;
import java.nio.file.Path;
import java.util.List;

/**
 * Figures 5 and 6: a real PostgreSQL with the telco model, two scorers behind nginx brought up by
 * the tier controller exactly as {@code scopeml} does it locally; then {@link HotSwaps} and {@link
 * RollingSwap}. Arguments: {@code hot}, {@code rolling} or both (the default). Run by {@code
 * bench/swap.sh}.
 */
public final class SwapBenchmark {

  private SwapBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> parts = args.length == 0 ? List.of("hot", "rolling") : List.of(args);
    BenchSettings settings = BenchSettings.fromEnvironment();
    Path work = settings.freshWork("swap");
    DatabaseSettings db = TestPostgres.freshDatabase("bench_swap");
    TelcoModel model = FigureModel.train();
    try (var pool = Database.pool(db)) {
      var store = new JdbcModelStore(pool);
      model.storeAndPromote(store);
      var controller =
          new TierController(
              new LocalTierDriver(
                  new NginxProcess(
                      NginxProcess.findBinary()
                          .orElseThrow(() -> new IllegalStateException("apt-get install nginx")),
                      work.resolve("nginx"),
                      Runtime.getRuntime().availableProcessors(),
                      "8m"),
                  work.resolve("logs")),
              TierState.file(work.resolve("tier.json")),
              TierTimeouts.defaults(),
              step -> System.err.println("[tier] " + step));
      int port = LoopbackPorts.free();
      try {
        controller.up(port, release("A", db), 2);
        if (parts.contains("hot")) {
          new HotSwaps(settings, store, model, controller.status().backends())
              .measure()
              .write(settings.results().resolve("5-hot-swap.md"));
        }
        if (parts.contains("rolling")) {
          new RollingSwap(settings, controller, port, model.body(1), release("B", db))
              .measure()
              .write(settings.results().resolve("6-rolling-swap.md"));
        }
      } finally {
        controller.down();
      }
    }
    System.exit(0);
  }

  private static ScorerRelease release(String version, DatabaseSettings db) {
    return new ScorerRelease(
        version, ServiceJars.scorer().toString(), Services.credentials(db), List.of());
  }
}

package dev.scopeml.bench.http;

import dev.scopeml.bench.BenchSettings;
import dev.scopeml.bench.models.FigureModel;
import dev.scopeml.bench.models.PeerSpec;
import dev.scopeml.bench.stack.BenchNginx;
import dev.scopeml.bench.stack.ProcessCpu;
import dev.scopeml.bench.stack.PythonPeer;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.processes.JavaCommand;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.TestPostgres;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Figures 2 and 3 in one run: brings up a real PostgreSQL with the telco model (100 rounds of depth
 * 6), one scorer with its constant endpoint on, the Python peer trained on the same rows with the
 * same parameters, and one nginx in front of both; then measures with {@link HttpRuns}. Run by
 * {@code bench/http.sh}.
 */
public final class HttpBenchmark {

  static final String PREDICT = TelcoModel.PREDICT;

  private HttpBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.fromEnvironment();
    Path work = settings.work().resolve("http");
    int cores = Runtime.getRuntime().availableProcessors();
    DatabaseSettings db = TestPostgres.freshDatabase("bench_http");
    TelcoModel model = FigureModel.train();
    try (var pool = Database.pool(db)) {
      model.storeAndPromote(new JdbcModelStore(pool));
    }
    Path peerFolder = work.resolve("peer");
    PeerSpec.write(model, peerFolder);
    String peerTraining = PythonPeer.train(peerFolder).strip();
    try (var scorer =
            ServiceProcess.start(
                "scorer",
                JavaCommand.jar(ServiceJars.scorer()),
                List.of("--scopeml.scorer.benchmark-endpoint=true"),
                Services.credentials(db),
                work.resolve("scorer.log"));
        var peer = PythonPeer.start(peerFolder, 2 * cores + 1, work.resolve("gunicorn.log"))) {
      scorer.awaitOk("/readyz", Duration.ofMinutes(2));
      try (var nginx =
          BenchNginx.start(work.resolve("nginx"), cores, List.of(scorer.port()), peer.port())) {
        var endpoints =
            new HttpEndpoints(
                new Endpoint("constant", "/bench/constant", model.body(1)),
                new Endpoint("predict, 1 row", PREDICT, model.body(1)),
                new Endpoint("predict, 100 rows", PREDICT, model.body(100)),
                new Endpoint("Python, 1 row", "/python" + PREDICT, model.body(1)),
                new Endpoint("Python, 100 rows", "/python" + PREDICT, model.body(100)));
        ToDoubleFunction<Endpoint> serverCpu =
            endpoint ->
                endpoint.path().startsWith("/python")
                    ? ProcessCpu.treeSeconds(peer.pid())
                    : ProcessCpu.seconds(scorer.pid());
        var measured =
            new HttpRuns(settings, nginx.port(), work.resolve("wrk"), serverCpu).measure(endpoints);
        Parity parity =
            Parity.of(nginx.port(), PREDICT, "/python" + PREDICT, endpoints.batch().body());
        var report = new HttpReport(settings, measured, parity, peer.workers(), peerTraining);
        report.httpFigure().write(settings.results().resolve("2-http.md"));
        report.pythonFigure().write(settings.results().resolve("3-python-peer.md"));
      }
    }
    System.exit(0);
  }
}

package dev.scopeml.spark.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.processes.spark.StandaloneCluster;
import dev.scopeml.spark.SparkTrainer;
import dev.scopeml.testsupport.postgres.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * A real standalone cluster, a Master and two Workers of one core each on 127.0.0.1, trains a run
 * while one Worker is SIGKILLed with a scope running on its executor: Spark runs the lost work
 * again on the other Worker, and the run still ends with exactly one version and one promotion per
 * scope.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StandaloneClusterTrainingTest {

  private static final Path WORK = Path.of("target", "standalone-spark-training");

  private DatabaseSettings db;
  private StandaloneCluster cluster;
  private SparkTrainer trainer;

  @BeforeAll
  void startClusterAndTrainer() {
    db = TestPostgres.freshDatabase("spark_cluster");
    cluster =
        new StandaloneCluster(SparkTrainer.sparkHome(), WORK.resolve("cluster"), 1, "1g")
            .start(2, Duration.ofMinutes(2));
    trainer = SparkTrainer.start(cluster.masterUrl(), db, WORK);
  }

  @AfterAll
  void stop() {
    if (trainer != null) {
      trainer.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aWorkerKilledMidRunLeavesOneVersionAndOnePromotionPerScope()
      throws SQLException, InterruptedException {
    String run =
        trainer.submit(
            Map.of(
                "model",
                "cluster",
                "source",
                Map.of("csv", "mlc_churn.csv"),
                "label",
                "churn",
                "scopeBy",
                List.of("state"),
                "params",
                Map.of("trees", 20, "maxDepth", 3),
                "minRows",
                20,
                "promote",
                Map.of("policy", "always"),
                "engine",
                "spark"));

    Process victim = cluster.workers().getFirst();
    String executor = awaitRunningExecutor(WORK.resolve("cluster/worker-1"), run);
    victim.destroyForcibly();
    assertThat(victim.waitFor(10, TimeUnit.SECONDS)).as("the victim Worker is gone").isTrue();

    JsonNode view = trainer.awaitRun(run, Duration.ofMinutes(4));
    assertThat(view.path("status").asString()).as("%s", view).isEqualTo("succeeded");
    int scopes = view.path("total").asInt();
    assertThat(count("SELECT count(DISTINCT scope) FROM model_versions WHERE model = 'cluster'"))
        .as("scopes with a version")
        .isEqualTo(scopes);
    assertThat(count("SELECT count(*) FROM model_versions WHERE model = 'cluster'"))
        .as("versions: one per scope")
        .isEqualTo(scopes);
    assertThat(count("SELECT count(*) FROM promotion_events WHERE model = 'cluster'"))
        .as("promotions: one per scope")
        .isEqualTo(scopes);
    assertThat(
            count(
                "SELECT count(*) FROM training_tasks WHERE run_id = '"
                    + run
                    + "' AND attempts > 1"))
        .as("scopes started again after executor %s was lost with its Worker", executor)
        .isPositive();
  }

  /**
   * Waits until the victim's executor is training a scope of the run and another scope has ended;
   * returns the executor's id, read from its folder in the Worker's work directory.
   */
  private String awaitRunningExecutor(Path workerDirectory, String run) throws SQLException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      Optional<String> executor = executorOf(workerDirectory);
      if (executor.isPresent()) {
        String owner = "spark executor " + executor.get();
        long running =
            count(
                "SELECT count(*) FROM training_tasks WHERE run_id = '"
                    + run
                    + "' AND status = 'running' AND lease_owner = '"
                    + owner
                    + "'");
        long ended =
            count(
                "SELECT count(*) FROM training_tasks WHERE run_id = '"
                    + run
                    + "' AND status = 'succeeded'");
        if (running > 0 && ended > 0) {
          return executor.get();
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("the victim Worker's executor never trained a scope of " + run);
  }

  /** The executor a Worker runs: {@code <work dir>/app-…/<executor id>/}. */
  private static Optional<String> executorOf(Path workerDirectory) {
    if (!Files.isDirectory(workerDirectory)) {
      return Optional.empty();
    }
    try (Stream<Path> apps = Files.list(workerDirectory)) {
      for (Path app : apps.filter(Files::isDirectory).toList()) {
        try (Stream<Path> executors = Files.list(app)) {
          Optional<String> id =
              executors.filter(Files::isDirectory).map(p -> p.getFileName().toString()).findFirst();
          if (id.isPresent()) {
            return id;
          }
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private long count(String sql) throws SQLException {
    try (var connection = DriverManager.getConnection(db.url(), db.user(), db.password());
        var statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}

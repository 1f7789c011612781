package dev.scopeml.trainer.spark;

import dev.scopeml.learning.runs.SourceRef;
import dev.scopeml.modelstore.queue.ScoringQueue;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.trainer.config.TrainerProperties;
import dev.scopeml.trainer.sources.JdbcTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.apache.spark.launcher.SparkAppHandle;
import org.apache.spark.launcher.SparkLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Submits the Spark application for a queued run or scoring job with Spark's launcher, in client
 * mode, the database's settings in its environment. The application marks the run's tasks (or holds
 * the job's rows chunk) as it works; when it exits, whatever it left unended is failed here with
 * its final state, so a run or job never waits on an application that is gone. The launcher's
 * FINISHED alone means nothing: a failed application reports it too, before it exits non-zero.
 */
@Component
public class SparkSubmitter {

  private static final Logger log = LoggerFactory.getLogger(SparkSubmitter.class);

  private final SparkProperties spark;
  private final TrainerProperties trainer;
  private final TrainingQueue training;
  private final ScoringQueue scoring;
  private final JdbcTables jdbcTables;

  SparkSubmitter(
      SparkProperties spark,
      TrainerProperties trainer,
      TrainingQueue training,
      ScoringQueue scoring,
      JdbcTables jdbcTables) {
    this.jdbcTables = jdbcTables;
    this.spark = spark;
    this.trainer = trainer;
    this.training = training;
    this.scoring = scoring;
  }

  /** Whether runs may ask for the Spark engine here. */
  public boolean available() {
    return spark.available();
  }

  /** The master runs are submitted to. */
  public String master() {
    return spark.master();
  }

  /**
   * Starts the application on run {@code run}; returns once it is launched. Does nothing when runs
   * are submitted by hand ({@code scopeml.spark.submit=false}). A run from a JDBC source hands the
   * application the source's login and the run's FROM clause in the environment.
   *
   * @throws IllegalStateException if the launcher cannot start spark-submit
   */
  public void train(UUID run, SourceRef source) {
    var environment = new HashMap<String, String>();
    if (source.jdbc() != null) {
      JdbcTables.RemoteRead read = jdbcTables.remoteRead(source.jdbc());
      environment.put("SCOPEML_SOURCE_URL", read.url());
      environment.put("SCOPEML_SOURCE_USER", read.user());
      environment.put("SCOPEML_SOURCE_PASSWORD", read.password());
      environment.put("SCOPEML_SOURCE_DRIVER", read.driver());
      environment.put("SCOPEML_SOURCE_FROM", read.from());
    }
    submit(
        "train",
        run,
        environment,
        (state, output) -> {
          int failed =
              training.failUnfinished(
                  run,
                  "the Spark application ended " + state + " before this scope; see " + output);
          if (failed > 0) {
            log.warn("run {}: Spark application ended {}, {} scopes failed", run, state, failed);
          } else {
            log.info("run {}: Spark application ended {}", run, state);
          }
        });
  }

  /**
   * Starts the application on scoring job {@code job}; returns once it is launched. Does nothing
   * when jobs are submitted by hand ({@code scopeml.spark.submit=false}).
   *
   * @throws IllegalStateException if the launcher cannot start spark-submit
   */
  public void score(UUID job) {
    submit(
        "score",
        job,
        Map.of(),
        (state, output) -> {
          boolean failed =
              scoring.failAbandonedRows(
                  job,
                  "the Spark application ended "
                      + state
                      + " before scoring the job; see "
                      + output);
          if (failed) {
            log.warn("scoring job {}: Spark application ended {} before the job", job, state);
          } else {
            log.info("scoring job {}: Spark application ended {}", job, state);
          }
        });
  }

  private void submit(
      String command,
      UUID id,
      Map<String, String> sourceEnvironment,
      BiConsumer<SparkAppHandle.State, Path> ended) {
    if (!spark.submit()) {
      log.info(
          "{} {} queued for the Spark engine: submit it with spark-submit … {} {}",
          command,
          id,
          command,
          id);
      return;
    }
    Path output = logFile(command + "-" + id);
    try {
      SparkLauncher launcher =
          new SparkLauncher(environment(sourceEnvironment))
              .setSparkHome(spark.home().toString())
              .setAppResource(spark.appJar().toAbsolutePath().toString())
              .setMainClass("dev.scopeml.spark.SparkEngine")
              .setMaster(spark.master())
              .setDeployMode("client")
              .setAppName("scopeml-" + command + "-" + id)
              .setConf("spark.driver.host", "127.0.0.1")
              .setConf("spark.scopeml.data-dir", dataDirectory())
              .setConf(
                  "spark.scopeml.reference-rows",
                  Integer.toString(trainer.trainer().referenceRows()))
              .setConf("spark.scopeml.max-scope-rows", Long.toString(spark.maxScopeRows()))
              // xgboost's OpenMP threads spin while they wait: on shared cores that costs fits.
              .setConf("spark.executorEnv.OMP_WAIT_POLICY", "PASSIVE")
              .addAppArgs(command, id.toString())
              .redirectOutput(output.toFile())
              .redirectError(output.toFile());
      if (spark.javaHome() != null) {
        launcher.setJavaHome(spark.javaHome().toString());
      }
      spark.conf().forEach(launcher::setConf);
      launcher.startApplication(new Ended(output, ended));
      log.info(
          "{} {} submitted to Spark master {}, output in {}", command, id, spark.master(), output);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start spark-submit: " + e.getMessage(), e);
    }
  }

  private Map<String, String> environment(Map<String, String> sourceEnvironment) {
    var environment = new HashMap<String, String>(sourceEnvironment);
    environment.put("SCOPEML_DB_URL", trainer.db().url());
    environment.put("SCOPEML_DB_USER", trainer.db().user() == null ? "" : trainer.db().user());
    environment.put("SCOPEML_DB_PASSWORD", trainer.db().resolvedPassword());
    environment.put("SPARK_LOCAL_IP", "127.0.0.1");
    environment.put("OMP_WAIT_POLICY", "PASSIVE");
    return environment;
  }

  private String dataDirectory() {
    try {
      return trainer.dataDir().toRealPath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path logFile(String name) {
    try {
      Path directory = Files.createDirectories(spark.logDirectory());
      return directory.resolve(name + ".log").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails what an application left unended, once it is over. */
  private static final class Ended implements SparkAppHandle.Listener {

    private final Path output;
    private final BiConsumer<SparkAppHandle.State, Path> ended;
    private boolean done;

    Ended(Path output, BiConsumer<SparkAppHandle.State, Path> ended) {
      this.output = output;
      this.ended = ended;
    }

    @Override
    public synchronized void stateChanged(SparkAppHandle handle) {
      SparkAppHandle.State state = handle.getState();
      if (done || !state.isFinal()) {
        return;
      }
      done = true;
      ended.accept(state, output);
    }

    @Override
    public void infoChanged(SparkAppHandle handle) {}
  }
}

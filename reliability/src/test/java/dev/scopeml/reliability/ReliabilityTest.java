package dev.scopeml.reliability;

import com.zaxxer.hikari.HikariDataSource;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.testsupport.postgres.TestPostgres;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Base of every test of the suite. A class gets its own migrated database on the test PostgreSQL
 * (on first use; a class that runs its own server overrides {@link #database()}), a work folder
 * under {@code target/reliability/} whose process logs survive the run for inspection, and trainer
 * and scorer processes started from the built jars, all stopped after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ReliabilityTest {

  /** The trainer's admin token in every test. */
  public static final String ADMIN_TOKEN = "reliability-admin-token-5d1f0c7a9e";

  private static final Set<String> ENDED =
      Set.of("succeeded", "partially_failed", "failed", "cancelled");

  private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();
  private DatabaseSettings database;
  private HikariDataSource dataSource;
  private Path workDirectory;
  private Path dataDirectory;

  /** This class's database: a fresh migrated one on the suite's PostgreSQL. */
  protected DatabaseSettings database() {
    if (database == null) {
      database = TestPostgres.freshDatabase(getClass().getSimpleName());
    }
    return database;
  }

  /** A pool to {@link #database()} with its owner's rights: the test's view of the registry. */
  protected HikariDataSource dataSource() {
    if (dataSource == null) {
      dataSource = Database.pool(database());
    }
    return dataSource;
  }

  /**
   * {@code target/reliability/<test class>}: process logs and scratch files, emptied on first use
   * so that nothing of an earlier run (a tier state file, a data directory) is picked up again.
   */
  protected Path workDirectory() {
    if (workDirectory == null) {
      workDirectory = ScratchDirectory.fresh(getClass().getSimpleName());
    }
    return workDirectory;
  }

  /** A trainer data directory holding copies of the bundled data sets. */
  protected Path dataDirectory() {
    if (dataDirectory == null) {
      dataDirectory = Services.copyDataSets(workDirectory().resolve("data"));
    }
    return dataDirectory;
  }

  /** The stack shared by the classes whose requests are refused or only read. */
  protected static SharedStack sharedStack() {
    return SharedStack.get();
  }

  /**
   * Starts a scorer process on {@code db}; it is stopped after the class.
   *
   * @param settings scorer properties, passed as {@code --key=value}
   */
  protected ServiceProcess startScorer(
      String name, DatabaseSettings db, Map<String, String> settings) {
    return track(Services.scorer(name, scorerJar(), db, settings, logs()));
  }

  /**
   * Starts a trainer process on {@code db} with the admin token and {@link #dataDirectory()}; it is
   * stopped after the class.
   *
   * @param settings trainer properties, passed as {@code --key=value}
   */
  protected ServiceProcess startTrainer(
      String name, DatabaseSettings db, Map<String, String> settings) {
    return track(
        Services.trainer(name, trainerJar(), db, dataDirectory(), ADMIN_TOKEN, settings, logs()));
  }

  /** Where process logs go. */
  protected Path logs() {
    return workDirectory().resolve("logs");
  }

  /** A free port on 127.0.0.1. */
  protected static int freePort() {
    return LoopbackPorts.free();
  }

  /**
   * The scorer jar under test, copied once per test JVM: a rebuild of the scorer module while the
   * suite runs cannot swap or truncate it under a running test.
   */
  protected static Path scorerJar() {
    return ServiceJars.pinned(ServiceJars.scorer());
  }

  /** The trainer jar under test, copied once per test JVM like {@link #scorerJar()}. */
  protected static Path trainerJar() {
    return ServiceJars.pinned(ServiceJars.trainer());
  }

  /** Runs one SQL query with the owner's rights and returns its single long. */
  protected long count(String sql, Object... parameters) {
    try (var connection = dataSource().getConnection();
        var query = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        query.setObject(i + 1, parameters[i]);
      }
      try (var rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** A call to a trainer's API with the admin token; a String body is sent as it is. */
  protected static Http.Reply admin(
      ServiceProcess trainer, String method, String path, Object body) {
    var headers = new HashMap<String, String>();
    headers.put("Authorization", "Bearer " + ADMIN_TOKEN);
    byte[] bytes = null;
    if (body != null) {
      headers.put("Content-Type", "application/json");
      String text = body instanceof String s ? s : Http.JSON.writeValueAsString(body);
      bytes = text.getBytes(StandardCharsets.UTF_8);
    }
    return Http.send(method, trainer.uri(path), bytes, headers);
  }

  /**
   * Polls a run until it has ended and returns its view. A poll the trainer cannot answer (its
   * database is away) is retried until the deadline.
   */
  protected static JsonNode awaitRun(ServiceProcess trainer, String run, Duration timeout) {
    return awaitEnd(trainer, "/v1/runs/" + run, timeout);
  }

  /** Polls a scoring job until it has ended and returns its view, as {@link #awaitRun} does. */
  protected static JsonNode awaitJob(ServiceProcess trainer, String job, Duration timeout) {
    return awaitEnd(trainer, "/v1/scoring-jobs/" + job, timeout);
  }

  private static JsonNode awaitEnd(ServiceProcess trainer, String path, Duration timeout) {
    var last = new AtomicReference<JsonNode>();
    Eventually.until(
        timeout,
        Duration.ofMillis(250),
        () -> {
          try {
            Http.Reply reply = admin(trainer, "GET", path, null);
            if (reply.status() != 200) {
              return false;
            }
            last.set(reply.json());
            return ENDED.contains(last.get().path("status").asString());
          } catch (UncheckedIOException e) {
            return false;
          }
        },
        () -> path + " to end; last seen " + last.get());
    return last.get();
  }

  private ServiceProcess track(ServiceProcess process) {
    processes.add(process);
    return process;
  }

  /** Stops every process this class started, gracefully where they let themselves be. */
  protected final void stopProcesses() {
    // In parallel: each graceful stop may take a few seconds.
    processes.parallelStream().forEach(ServiceProcess::close);
    processes.clear();
  }

  @AfterAll
  final void stopProcessesAndCloseThePool() {
    stopProcesses();
    if (dataSource != null) {
      dataSource.close();
    }
  }
}

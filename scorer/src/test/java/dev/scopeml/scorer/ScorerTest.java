package dev.scopeml.scorer;

import com.zaxxer.hikari.HikariDataSource;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.postgres.PostgresTest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;

/**
 * Base of the scorer's integration tests: a fresh migrated database on a real PostgreSQL (from
 * test-support's base), a writable registry standing in for the trainer, and scorers started
 * against it, closed after the class.
 */
public abstract class ScorerTest extends PostgresTest {

  private final List<RunningScorer> scorers = new ArrayList<>();
  private ModelStore store;

  /** The registry, writable: what the trainer would do. */
  protected ModelStore store() {
    if (store == null) {
      store = new JdbcModelStore(dataSource());
    }
    return store;
  }

  /** Stores a version and makes it active. */
  protected ModelVersion storeAndPromote(NewModelVersion version) {
    ModelVersion saved = store().saveVersion(version);
    store().promote(saved.model(), saved.scope(), saved.version(), "test", "test");
    return saved;
  }

  /**
   * The JDBC URL of a new, empty database on this class's server: no schema yet, as a scorer may
   * find it before the first trainer has migrated.
   */
  protected String emptyDatabase() {
    String database = "scorer_" + UUID.randomUUID().toString().replace("-", "");
    try (var connection = dataSource().getConnection();
        var create = connection.createStatement()) {
      create.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + database, e);
    }
    return settings().url().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
  }

  /** Migrates the database at {@code url} and stores and promotes {@code model} in it. */
  protected void migrateAndServe(String url, TelcoModel model) {
    var settings = new DatabaseSettings(url, settings().user(), settings().password(), 2, "test");
    try (HikariDataSource pool = Database.pool(settings)) {
      Database.migrate(pool);
      model.storeAndPromote(new JdbcModelStore(pool));
    }
  }

  /** The properties every test scorer gets; {@code overrides} win. */
  protected Map<String, Object> scorerProperties(Map<String, Object> overrides) {
    var properties = new HashMap<String, Object>();
    properties.put("scopeml.db.url", settings().url());
    properties.put("scopeml.db.user", settings().user());
    properties.put("scopeml.db.password", settings().password());
    properties.put("scopeml.scorer.reconnect-backoff", "1s");
    properties.put("scopeml.scorer.listener-idle-check", "2s");
    properties.put("logging.level.org.springframework", "WARN");
    properties.put("logging.level.org.apache", "WARN");
    properties.putAll(overrides);
    return properties;
  }

  /** Starts a scorer, closed after the class. */
  protected RunningScorer startScorer(Map<String, Object> overrides) {
    RunningScorer scorer = RunningScorer.start(scorerProperties(overrides));
    scorers.add(scorer);
    return scorer;
  }

  /** Starts a scorer and waits until it is ready. */
  protected RunningScorer startReadyScorer(Map<String, Object> overrides) {
    return startScorer(overrides).awaitReady(Duration.ofSeconds(60));
  }

  /** Polls {@code condition} every 20 ms until it holds or the timeout passes. */
  protected static boolean eventually(Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      RunningScorer.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @AfterAll
  final void closeScorers() {
    scorers.forEach(RunningScorer::close);
  }
}

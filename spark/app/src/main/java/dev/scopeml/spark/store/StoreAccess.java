package dev.scopeml.spark.store;

import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.queue.JdbcScoringQueue;
import dev.scopeml.modelstore.queue.JdbcTrainingQueue;
import dev.scopeml.modelstore.queue.ScoringQueue;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How to reach the ScopeML database, read by the driver from the variables every ScopeML service
 * reads ({@code SCOPEML_DB_URL}, {@code SCOPEML_DB_USER}, {@code SCOPEML_DB_PASSWORD}) and shipped
 * to the executors inside the task closures, never on a command line or in Spark's configuration,
 * where {@code ps} and the Spark UI would show the password.
 *
 * @param url JDBC URL of PostgreSQL
 * @param user user name
 * @param password password
 */
public record StoreAccess(String url, String user, String password) implements Serializable {

  /** Connections per JVM: an executor stores one version at a time per core. */
  private static final int POOL_SIZE = 4;

  private static final Map<StoreAccess, Stores> OPEN = new ConcurrentHashMap<>();

  /**
   * The settings in this JVM's environment.
   *
   * @throws IllegalStateException naming the variable that is not set
   */
  public static StoreAccess fromEnvironment() {
    return new StoreAccess(
        required("SCOPEML_DB_URL"),
        required("SCOPEML_DB_USER"),
        System.getenv().getOrDefault("SCOPEML_DB_PASSWORD", ""));
  }

  /** The registry and queues of this database, opened once per JVM and kept for its lifetime. */
  public Stores open() {
    return OPEN.computeIfAbsent(this, StoreAccess::connect);
  }

  private static Stores connect(StoreAccess access) {
    var pool =
        Database.pool(
            new DatabaseSettings(
                access.url, access.user, access.password, POOL_SIZE, "scopeml-spark"));
    Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(pool::close));
    return new Stores(
        new JdbcModelStore(pool), new JdbcTrainingQueue(pool), new JdbcScoringQueue(pool), pool);
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(name + " is not set: the Spark engine needs the database");
    }
    return value;
  }

  @Override
  public String toString() {
    return "StoreAccess[" + url + " as " + user + "]";
  }

  /**
   * The database's registry and queues.
   *
   * @param models versions and promotions
   * @param training runs and their tasks
   * @param scoring scoring jobs and their chunks
   * @param dataSource the pool behind them
   */
  public record Stores(
      ModelStore models,
      TrainingQueue training,
      ScoringQueue scoring,
      javax.sql.DataSource dataSource) {}
}

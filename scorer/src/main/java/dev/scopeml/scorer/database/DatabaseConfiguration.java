package dev.scopeml.scorer.database;

import com.zaxxer.hikari.HikariDataSource;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.scorer.config.DatabaseProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registry connection. Every session starts with {@code default_transaction_read_only} on (a
 * startup option in the JDBC URL, which the pool's own read-only handling cannot undo), so
 * PostgreSQL itself refuses a write from the scorer even where its role could write; the scorer
 * never migrates the schema either, it waits until the trainer has.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

  static final String APPLICATION_NAME = "scopeml-scorer";

  @Bean
  DatabaseSettings databaseSettings(DatabaseProperties properties) {
    return new DatabaseSettings(
        readOnly(properties.url()),
        properties.user(),
        properties.resolvedPassword(),
        properties.poolSize(),
        APPLICATION_NAME);
  }

  @Bean(destroyMethod = "close")
  HikariDataSource registryDataSource(DatabaseSettings settings) {
    // The pool opens lazily and retries: the scorer starts even while the database is down.
    HikariDataSource pool = Database.pool(settings);
    // Connections on demand, none kept idle. With an idle minimum HikariCP keeps reopening them
    // through an outage, backing off to 5 s between tries, and the reconcile that follows the
    // change listener's reconnect could wait out that backoff before it reads the registry. On
    // demand, the first query after an outage opens its connection at once. Requests never use
    // this pool, so no request waits for an open.
    pool.getHikariConfigMXBean().setMinimumIdle(0);
    return pool;
  }

  @Bean
  ModelStore modelStore(HikariDataSource registryDataSource) {
    return new JdbcModelStore(registryDataSource);
  }

  /** The URL with a read-only session default added, unless the URL sets startup options. */
  static String readOnly(String url) {
    if (url.contains("options=")) {
      return url;
    }
    return url
        + (url.contains("?") ? "&" : "?")
        + "options=-c%20default_transaction_read_only%3Don";
  }
}

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
 * The registry connection. Every session is opened read-only ({@code readOnly=true} with {@code
 * readOnlyMode=always}), so PostgreSQL itself refuses a write from the scorer even where its role
 * could write; the scorer never migrates the schema either, it waits until the trainer has.
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
    return Database.pool(settings);
  }

  @Bean
  ModelStore modelStore(HikariDataSource registryDataSource) {
    return new JdbcModelStore(registryDataSource);
  }

  /** The URL with pgjdbc's read-only session parameters added, unless the URL sets them. */
  static String readOnly(String url) {
    if (url.contains("readOnly=") || url.contains("readOnlyMode=")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "readOnly=true&readOnlyMode=always";
  }
}

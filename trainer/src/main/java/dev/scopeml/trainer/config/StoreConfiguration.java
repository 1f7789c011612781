package dev.scopeml.trainer.config;

import com.zaxxer.hikari.HikariDataSource;
import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.modelstore.queue.JdbcScoringQueue;
import dev.scopeml.modelstore.queue.JdbcTrainingQueue;
import dev.scopeml.modelstore.queue.ScoringQueue;
import dev.scopeml.modelstore.queue.TrainingQueue;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ScopeML database and the registry and queue on it. The trainer owns the schema: it applies
 * the model-store's Flyway migrations at start (Spring's own Flyway support is not on the
 * classpath, so nothing else migrates).
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean(destroyMethod = "close")
  HikariDataSource scopemlDataSource(TrainerProperties properties) {
    TrainerProperties.Db db = properties.db();
    if (db.url() == null || db.url().isBlank()) {
      throw new IllegalStateException(
          "scopeml.db.url (SCOPEML_DB_URL) is not set: the trainer needs its PostgreSQL database");
    }
    var settings =
        new DatabaseSettings(
            db.url(),
            db.user() == null ? "" : db.user(),
            db.resolvedPassword(),
            db.poolSize(),
            "scopeml-trainer");
    HikariDataSource pool = Database.pool(settings);
    try {
      Database.migrate(pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    return pool;
  }

  @Bean
  ModelStore modelStore(DataSource scopemlDataSource) {
    return new JdbcModelStore(scopemlDataSource);
  }

  @Bean
  TrainingQueue trainingQueue(DataSource scopemlDataSource) {
    return new JdbcTrainingQueue(scopemlDataSource);
  }

  @Bean
  ScoringQueue scoringQueue(DataSource scopemlDataSource) {
    return new JdbcScoringQueue(scopemlDataSource);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}

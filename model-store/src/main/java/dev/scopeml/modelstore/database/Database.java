package dev.scopeml.modelstore.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Opens pools and dedicated connections to the ScopeML database and migrates its schema. */
public final class Database {

  /** Where the Flyway migrations of the ScopeML schema live on the classpath. */
  public static final String MIGRATIONS = "classpath:db/migration/scopeml";

  private Database() {}

  /** A HikariCP pool. */
  public static HikariDataSource pool(DatabaseSettings settings) {
    var config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.poolSize());
    config.setPoolName(settings.applicationName());
    config.addDataSourceProperty("ApplicationName", settings.applicationName());
    // Fail fast on a dead database instead of queueing callers for the default 30 s.
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1);
    return new HikariDataSource(config);
  }

  /**
   * A connection outside any pool, for a LISTEN session that must stay on one backend for its whole
   * life.
   */
  public static Connection dedicatedConnection(DatabaseSettings settings) throws SQLException {
    var properties = new Properties();
    properties.setProperty("user", settings.user());
    properties.setProperty("password", settings.password());
    properties.setProperty("ApplicationName", settings.applicationName() + "-listener");
    properties.setProperty("connectTimeout", "5");
    properties.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(settings.url(), properties);
  }

  /** Applies the ScopeML schema migrations. */
  public static void migrate(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .table("scopeml_schema_history")
        .load()
        .migrate();
  }
}

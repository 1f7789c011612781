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

  /** The role whose members may read the registry and nothing else (see migration V3). */
  public static final String READER_ROLE = "scopeml_reader";

  /**
   * Creates or updates a login role that can only read: a member of {@link #READER_ROLE}. Run by an
   * administrator (the migrating user) when a deployment sets up its scorer's credentials.
   */
  public static void ensureReaderLogin(DataSource admin, String user, String password) {
    if (!user.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("reader user must be a plain lower-case identifier");
    }
    try (Connection connection = admin.getConnection();
        var statement = connection.createStatement()) {
      String quoted = SqlLiteral.quote(connection, password);
      boolean exists;
      try (var find = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
        find.setString(1, user);
        try (var rows = find.executeQuery()) {
          exists = rows.next();
        }
      }
      statement.execute(
          (exists ? "ALTER ROLE " : "CREATE ROLE ") + user + " LOGIN PASSWORD " + quoted);
      statement.execute("GRANT " + READER_ROLE + " TO " + user);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
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

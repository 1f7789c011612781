package dev.scopeml.testsupport.postgres;

import dev.scopeml.modelstore.database.Database;
import dev.scopeml.modelstore.database.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one PostgreSQL server of a test JVM, chosen once: the server named by {@code
 * SCOPEML_TEST_JDBC_URL} (with {@code SCOPEML_TEST_JDBC_USER} and {@code
 * SCOPEML_TEST_JDBC_PASSWORD}) when set; otherwise a Testcontainers container where Docker runs;
 * otherwise an embedded real PostgreSQL. There is no fallback to skipping: if none starts, tests
 * fail.
 *
 * <p>Each caller gets a fresh database on that server, so test classes never see each other's rows.
 */
public final class TestPostgres {

  private static final Logger log = LoggerFactory.getLogger(TestPostgres.class);
  private static final String POSTGRES_IMAGE = "postgres:18.1-alpine";

  private static Server server;

  private TestPostgres() {}

  /** A new, migrated database; the caller owns it. */
  public static synchronized DatabaseSettings freshDatabase(String purpose) {
    Server server = server();
    String name =
        ("t_" + purpose.replaceAll("[^A-Za-z0-9]", "_") + "_" + UUID.randomUUID())
            .toLowerCase(Locale.ROOT)
            .replace('-', '_');
    name = name.length() > 60 ? name.substring(0, 60) : name;
    try (var admin =
            DriverManager.getConnection(server.adminUrl(), server.user(), server.password());
        var create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    var settings =
        new DatabaseSettings(server.urlFor(name), server.user(), server.password(), 8, purpose);
    try (var pool = Database.pool(settings)) {
      Database.migrate(pool);
    }
    return settings;
  }

  /** Which kind of server the tests run against. */
  public static synchronized String kind() {
    return server().kind();
  }

  private static Server server() {
    if (server == null) {
      server = start();
      log.info("tests use PostgreSQL from {}", server.kind());
    }
    return server;
  }

  private static Server start() {
    String url = System.getenv("SCOPEML_TEST_JDBC_URL");
    if (url != null && !url.isBlank()) {
      return new Server(
          "SCOPEML_TEST_JDBC_URL",
          url,
          envOr("SCOPEML_TEST_JDBC_USER", "postgres"),
          envOr("SCOPEML_TEST_JDBC_PASSWORD", ""));
    }
    if (dockerAvailable()) {
      var container = new PostgreSQLContainer(POSTGRES_IMAGE);
      container.start();
      return new Server(
          "Testcontainers " + POSTGRES_IMAGE,
          container.getJdbcUrl(),
          container.getUsername(),
          container.getPassword());
    }
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> close(embedded)));
      return new Server(
          "embedded PostgreSQL",
          // No user in the URL: pgjdbc lets URL parameters override the user a caller passes.
          "jdbc:postgresql://localhost:" + embedded.getPort() + "/postgres",
          "postgres",
          "");
    } catch (IOException e) {
      throw new IllegalStateException(
          "no PostgreSQL for tests: SCOPEML_TEST_JDBC_URL is unset, Docker is not running and the"
              + " embedded PostgreSQL did not start",
          e);
    }
  }

  private static boolean dockerAvailable() {
    // Without a socket or DOCKER_HOST there is nothing to probe; probing only logs errors.
    if (System.getenv("DOCKER_HOST") == null
        && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static void close(EmbeddedPostgres embedded) {
    try {
      embedded.close();
    } catch (IOException ignored) {
      // The JVM is exiting; the server dies with its data directory.
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  private record Server(String kind, String adminUrl, String user, String password) {

    /** The admin URL with its database name replaced. */
    String urlFor(String database) {
      int slash = adminUrl.indexOf('/', "jdbc:postgresql://".length());
      int query = adminUrl.indexOf('?', slash);
      return adminUrl.substring(0, slash + 1)
          + database
          + (query < 0 ? "" : adminUrl.substring(query));
    }
  }
}

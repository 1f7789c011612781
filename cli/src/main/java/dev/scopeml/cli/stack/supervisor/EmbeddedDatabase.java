package dev.scopeml.cli.stack.supervisor;

import dev.scopeml.cli.stack.SecretFile;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.modelstore.database.SqlLiteral;
import dev.scopeml.processes.LoopbackPorts;
import dev.scopeml.processes.ProcessRef;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The embedded default: a real PostgreSQL (zonky's binaries) whose data directory lives in the
 * stack directory, so models survive {@code down} and {@code up}. It listens on 127.0.0.1 only and,
 * from its first start on, requires passwords: the read-only scorer login means something only if
 * nobody can log in as anyone else.
 */
public final class EmbeddedDatabase implements StackComponent {

  static final String DATABASE = "scopeml";
  static final String SUPERUSER = "postgres";

  /** Written into the data directory once the superuser has a password and pg_hba asks for it. */
  private static final String PASSWORDS_REQUIRED = "scopeml-passwords-required";

  private final EmbeddedPostgres postgres;
  private final StackDatabase database;

  private EmbeddedDatabase(EmbeddedPostgres postgres, StackDatabase database) {
    this.postgres = postgres;
    this.database = database;
  }

  static EmbeddedDatabase start(StackPaths paths) {
    Path data = paths.postgresData();
    var passwordFile = new SecretFile(paths.postgresPasswordFile());
    String password = passwordFile.readOrCreate();
    boolean secured = Files.exists(data.resolve(PASSWORDS_REQUIRED));
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(data.getParent());
      Files.createDirectories(paths.logs());
      var log =
          java.lang.ProcessBuilder.Redirect.appendTo(paths.logs().resolve("postgres.log").toFile());
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(data)
              .setCleanDataDirectory(false)
              // The supervisor stops PostgreSQL itself, last, after everything that uses it.
              .setRegisterShutdownHook(false)
              .setPort(LoopbackPorts.free())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setConnectConfig("password", password)
              .setDataDirectoryCustomizer(dir -> writeHba(dir.toPath(), secured))
              .setOutputRedirector(log)
              .setErrorRedirector(log)
              .setPGStartupWait(Duration.ofSeconds(90))
              .start();
    } catch (IOException | RuntimeException e) {
      throw new StackException(
          "the embedded PostgreSQL did not start: "
              + e.getMessage()
              + (secured
                  ? " (if "
                      + StackPaths.show(paths.postgresPasswordFile())
                      + " was lost, remove "
                      + StackPaths.show(data.getParent())
                      + " to start with an empty database)"
                  : "")
              + "; see "
              + StackPaths.show(paths.logs().resolve("postgres.log")),
          e);
    }
    try {
      if (!secured) {
        requirePasswords(postgres, data, password);
      }
      createDatabase(postgres);
    } catch (SQLException | IOException | RuntimeException e) {
      close(postgres);
      throw new StackException("cannot prepare the embedded PostgreSQL: " + e.getMessage(), e);
    }
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
    return new EmbeddedDatabase(
        postgres, new StackDatabase(url, SUPERUSER, passwordFile.path(), postmaster(data)));
  }

  StackDatabase database() {
    return database;
  }

  int port() {
    return postgres.getPort();
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public void stop() {
    close(postgres);
    // pg_ctl gives up after 5 s; the server may still be finishing, so wait for the process itself.
    if (database.postmaster() != null && !database.postmaster().awaitExit(Duration.ofSeconds(30))) {
      database.postmaster().stop(Duration.ofSeconds(10));
    }
  }

  /** The postmaster's pid, first line of {@code postmaster.pid}, while the server runs. */
  public static ProcessRef postmaster(Path data) {
    try {
      String first = Files.readAllLines(data.resolve("postmaster.pid")).getFirst().strip();
      return ProcessHandle.of(Long.parseLong(first)).map(ProcessRef::of).orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void requirePasswords(EmbeddedPostgres postgres, Path data, String password)
      throws SQLException, IOException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute(
          "ALTER ROLE " + SUPERUSER + " PASSWORD " + SqlLiteral.quote(connection, password));
      writeHba(data, true);
      statement.execute("SELECT pg_reload_conf()");
    }
    Files.writeString(
        data.resolve(PASSWORDS_REQUIRED),
        "pg_hba.conf requires scram-sha-256 passwords; written by the ScopeML local stack\n");
  }

  private static void createDatabase(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        var find = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      find.setString(1, DATABASE);
      try (var rows = find.executeQuery()) {
        if (!rows.next()) {
          try (var create = connection.createStatement()) {
            create.execute("CREATE DATABASE " + DATABASE);
          }
        }
      }
    }
  }

  /**
   * Loopback TCP only. Until the superuser has a password (the first start) logins are trusted;
   * from then on every login needs its password.
   */
  private static void writeHba(Path data, boolean passwords) {
    String method = passwords ? "scram-sha-256" : "trust";
    String hba =
        "# Written by the ScopeML local stack at every start.\n"
            + "host all all 127.0.0.1/32 "
            + method
            + "\n"
            + "host all all ::1/128 "
            + method
            + "\n";
    try {
      Files.writeString(data.resolve("pg_hba.conf"), hba);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write pg_hba.conf in " + data, e);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      // The caller checks the server process itself.
    }
  }
}

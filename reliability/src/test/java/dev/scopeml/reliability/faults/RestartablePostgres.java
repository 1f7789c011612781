package dev.scopeml.reliability.faults;

import dev.scopeml.modelstore.database.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A PostgreSQL server of its own that a test can stop and start again on the same port and data
 * directory, as an operator restarting the database would. The suite's shared server cannot be
 * stopped: every other test class uses it.
 */
final class RestartablePostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  RestartablePostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  /** Starts the server; the first start initialises the data directory, later ones reuse it. */
  synchronized RestartablePostgres start() {
    if (server != null) {
      throw new IllegalStateException("already running");
    }
    try {
      server =
          EmbeddedPostgres.builder()
              .setPort(port)
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start on port " + port, e);
    }
    return this;
  }

  /** Stops the server (fast shutdown: open sessions are terminated), keeping its data. */
  synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server = null;
    }
  }

  synchronized boolean isRunning() {
    return server != null;
  }

  int port() {
    return port;
  }

  /** Creates {@code name} if it does not exist and returns how to reach it as the superuser. */
  DatabaseSettings database(String name, int poolSize) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("a plain database name, not " + name);
    }
    try (var admin = DriverManager.getConnection(url("postgres"), "postgres", "");
        var exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      boolean found;
      try (var rows = exists.executeQuery()) {
        found = rows.next();
      }
      if (!found) {
        try (var create = admin.createStatement()) {
          create.execute("CREATE DATABASE " + name);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return new DatabaseSettings(url(name), "postgres", "", poolSize, "reliability-test");
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    stop();
  }
}

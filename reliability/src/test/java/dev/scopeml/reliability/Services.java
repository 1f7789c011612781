package dev.scopeml.reliability;

import dev.scopeml.modelstore.database.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the built trainer and scorer jars as processes, configured the way a deployment would:
 * database credentials and the admin token in the environment, everything else as properties.
 */
public final class Services {

  /** The trainer's admin token throughout the suite. */
  public static final String ADMIN_TOKEN = "reliability-admin-token-5d1f0c7a9e";

  private Services() {}

  /**
   * A scorer on {@code db}, its log in {@code logs}.
   *
   * @param settings scorer properties, passed as {@code --key=value}
   */
  public static ServiceProcess scorer(
      String name, DatabaseSettings db, Map<String, String> settings, Path logs) {
    var arguments = new ArrayList<String>();
    arguments.add("--scopeml.scorer.version=" + name);
    settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    return ServiceProcess.start(
        name, BuiltJars.scorer(), freePort(), arguments, credentials(db), logs);
  }

  /**
   * A trainer on {@code db} reading CSV files from {@code dataDirectory}, its log in {@code logs}.
   *
   * @param settings trainer properties, passed as {@code --key=value}
   */
  public static ServiceProcess trainer(
      String name,
      DatabaseSettings db,
      Path dataDirectory,
      Map<String, String> settings,
      Path logs) {
    var environment = new HashMap<>(credentials(db));
    environment.put("SCOPEML_ADMIN_TOKEN", ADMIN_TOKEN);
    environment.put("SCOPEML_DATA_DIR", dataDirectory.toString());
    environment.put("SCOPEML_LOG_FORMAT", "logstash");
    var arguments = new ArrayList<String>();
    settings.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    return ServiceProcess.start(
        name, BuiltJars.trainer(), freePort(), arguments, environment, logs);
  }

  /** Copies the bundled data sets into {@code directory} (created if needed) and returns it. */
  public static Path copyDataSets(Path directory) {
    try {
      Files.createDirectories(directory);
      try (var files = Files.list(Path.of("..", "datasets"))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
          Files.copy(
              file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free port on 127.0.0.1. */
  public static int freePort() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, String> credentials(DatabaseSettings db) {
    return Map.of(
        "SCOPEML_DB_URL", db.url(),
        "SCOPEML_DB_USER", db.user(),
        "SCOPEML_DB_PASSWORD", db.password());
  }
}

package dev.scopeml.testsupport.services;

import dev.scopeml.modelstore.database.DatabaseSettings;
import dev.scopeml.processes.AotTraining;
import dev.scopeml.processes.JavaCommand;
import dev.scopeml.testsupport.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the trainer and scorer jars configured the way a deployment would: database credentials
 * and the admin token in the environment, everything else as {@code --key=value} properties.
 */
public final class Services {

  private Services() {}

  /** The scorer property naming its operator port. */
  public static final String SCORER_OPERATOR_PORT = "scopeml.scorer.operator-port";

  /**
   * A scorer of {@code jar} on {@code db}, reporting {@code name} as its version, with an operator
   * port as every ScopeML deployment runs it (its public port opens once it is ready and warm); its
   * log is {@code <logs>/<name>.log}.
   *
   * @param properties scorer properties
   */
  public static ServiceProcess scorer(
      String name, Path jar, DatabaseSettings db, Map<String, String> properties, Path logs) {
    var arguments = new ArrayList<String>();
    arguments.add("--scopeml.scorer.version=" + name);
    arguments.addAll(arguments(properties));
    return ServiceProcess.start(
        name,
        launch(jar, AotTraining.untilReadyAndWarm(credentials(db))),
        arguments,
        credentials(db),
        logs.resolve(name + ".log"),
        SCORER_OPERATOR_PORT);
  }

  /**
   * How ScopeML launches a service jar: the extracted jar with its AOT cache, recorded on the first
   * launch of each build of the jar by {@code training}.
   */
  public static List<String> launch(Path jar, AotTraining training) {
    return JavaCommand.fastJar(
        List.of(), jar, training, step -> System.out.println("[services] " + step));
  }

  /**
   * A trainer of {@code jar} on {@code db} reading CSV files from {@code dataDirectory}, with JSON
   * log lines; its log is {@code <logs>/<name>.log}.
   *
   * @param adminToken the bearer token of its admin API
   * @param properties trainer properties
   */
  public static ServiceProcess trainer(
      String name,
      Path jar,
      DatabaseSettings db,
      Path dataDirectory,
      String adminToken,
      Map<String, String> properties,
      Path logs) {
    var environment = new HashMap<>(credentials(db));
    environment.put("SCOPEML_ADMIN_TOKEN", adminToken);
    environment.put("SCOPEML_DATA_DIR", dataDirectory.toAbsolutePath().toString());
    environment.put("SCOPEML_LOG_FORMAT", "logstash");
    return ServiceProcess.start(
        name,
        launch(jar, AotTraining.untilRefreshed(environment)),
        arguments(properties),
        environment,
        logs.resolve(name + ".log"));
  }

  /** How a service finds its database: the variables a deployment sets. */
  public static Map<String, String> credentials(DatabaseSettings db) {
    return Map.of(
        "SCOPEML_DB_URL", db.url(),
        "SCOPEML_DB_USER", db.user(),
        "SCOPEML_DB_PASSWORD", db.password());
  }

  /** Copies the bundled data sets into {@code directory} (created if needed) and returns it. */
  public static Path copyDataSets(Path directory) {
    try {
      Files.createDirectories(directory);
      try (var files = Files.list(Repository.file("datasets"))) {
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

  private static List<String> arguments(Map<String, String> properties) {
    var arguments = new ArrayList<String>();
    properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
    return arguments;
  }
}

package dev.scopeml.cli.stack;

import dev.scopeml.cli.ScopemlCli;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the local stack keeps everything: the repository it runs from (jars, bundled datasets) and
 * its home directory (state, secrets, logs, the database's data).
 *
 * @param repo the ScopeML repository root
 * @param home the stack directory ({@code SCOPEML_HOME}, default {@code <repo>/.scopeml})
 */
public record StackPaths(Path repo, Path home) {

  public StackPaths {
    repo = repo.toAbsolutePath().normalize();
    home = home.toAbsolutePath().normalize();
  }

  /**
   * The paths this process should use: the system properties {@code scopeml.repo} and {@code
   * scopeml.home} (set by the launcher, or by tests), else {@code SCOPEML_HOME}, else the
   * repository the running jar was built in.
   */
  public static StackPaths current() {
    String repoProperty = System.getProperty("scopeml.repo");
    Path repo = repoProperty != null ? Path.of(repoProperty) : repoOfRunningCode();
    String home = System.getProperty("scopeml.home");
    if (home == null || home.isBlank()) {
      home = System.getenv("SCOPEML_HOME");
    }
    return new StackPaths(
        repo, home == null || home.isBlank() ? repo.resolve(".scopeml") : Path.of(home));
  }

  /**
   * {@code cli/target/scopeml-cli.jar} or {@code cli/target/classes}: three levels below the root.
   */
  private static Path repoOfRunningCode() {
    try {
      Path code =
          Path.of(ScopemlCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path candidate = code.getParent().getParent().getParent();
      if (Files.isRegularFile(candidate.resolve("scopeml"))) {
        return candidate;
      }
    } catch (URISyntaxException | NullPointerException e) {
      // Fall through: an unusual class loader; the working directory is the best guess left.
    }
    return Path.of("").toAbsolutePath();
  }

  /** The stack's own state: which processes run, on which ports. */
  public Path stateFile() {
    return home.resolve("stack.json");
  }

  /** The scorer tier's state, shared by the supervisor and the tier commands. */
  public Path tierStateFile() {
    return home.resolve("tier.json");
  }

  /** Held while {@code up} or {@code down} runs, so two of them never interleave. */
  public Path stackLock() {
    return home.resolve("stack.lock");
  }

  /** Held while a tier operation (scale, rollout, shutdown) changes the tier. */
  public Path tierLock() {
    return home.resolve("tier.lock");
  }

  public Path logs() {
    return home.resolve("logs");
  }

  public Path supervisorLog() {
    return logs().resolve("supervisor.log");
  }

  public Path secrets() {
    return home.resolve("secrets");
  }

  /** The trainer's admin bearer token. */
  public Path adminTokenFile() {
    return secrets().resolve("admin-token");
  }

  /** The embedded PostgreSQL superuser's password. */
  public Path postgresPasswordFile() {
    return secrets().resolve("postgres-password");
  }

  /** The password of the scorers' read-only database login. */
  public Path scorerPasswordFile() {
    return secrets().resolve("scorer-db-password");
  }

  /** An external database's password given as {@code SCOPEML_DB_PASSWORD}, kept out of children. */
  public Path databasePasswordFile() {
    return secrets().resolve("database-password");
  }

  /** The trainer's URL as one line, for the launcher to hand to trainer commands. */
  public Path trainerUrlFile() {
    return home.resolve("trainer-url");
  }

  public Path postgresData() {
    return home.resolve("postgres").resolve("data");
  }

  /** The lock file the embedded PostgreSQL holds while it runs on {@link #postgresData()}. */
  public Path postgresLock() {
    return postgresData().resolve("epg-lock");
  }

  public Path nginxPrefix() {
    return home.resolve("nginx");
  }

  /** The local Kafka broker's configuration and data. */
  public Path kafkaDirectory() {
    return home.resolve("kafka");
  }

  /** The Kafka broker's jars, prepared by the build. */
  public Path kafkaLibraries() {
    return repo.resolve("kafka/target/broker");
  }

  public Path trainerJar() {
    return repo.resolve("trainer/target/scopeml-trainer.jar");
  }

  public Path scorerJar() {
    return repo.resolve("scorer/target/scopeml-scorer.jar");
  }

  /** The trainer's data directory: the bundled datasets. */
  public Path datasets() {
    return repo.resolve("datasets");
  }

  /** A path for people to read: relative to the working directory when it is inside it. */
  public static String show(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.startsWith(cwd) && !absolute.equals(cwd)
        ? cwd.relativize(absolute).toString()
        : absolute.toString();
  }
}

package dev.scopeml.trainer.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the trainer is configured with, under {@code scopeml.*}; each property also binds from
 * its environment variable ({@code scopeml.db.url} from {@code SCOPEML_DB_URL}, …). The trainer
 * README documents every one.
 *
 * @param db the ScopeML database
 * @param adminToken the bearer token of the run and admin APIs, bound straight to its digest: the
 *     trainer keeps no copy of the token
 * @param adminTokenFile a file holding the token instead (a container secret); wins over the value
 * @param dataDir the root CSV files are read from and uploads are written to
 * @param trainer worker threads and leases
 * @param upload limits of CSV uploads
 * @param sources named JDBC sources runs may read from
 */
@ConfigurationProperties("scopeml")
public record TrainerProperties(
    @DefaultValue Db db,
    SecretDigest adminToken,
    Path adminTokenFile,
    @DefaultValue("data") Path dataDir,
    @DefaultValue Trainer trainer,
    @DefaultValue Upload upload,
    Map<String, JdbcSource> sources) {

  public TrainerProperties {
    sources = sources == null ? Map.of() : Map.copyOf(sources);
  }

  /**
   * The admin token's digest, from its file when one is configured; null when neither is set or the
   * token is blank.
   */
  public SecretDigest adminTokenDigest() {
    if (adminTokenFile == null) {
      return adminToken;
    }
    String token = Secrets.resolve(null, adminTokenFile);
    return token.isBlank() ? null : SecretDigest.of(token);
  }

  /**
   * The ScopeML database.
   *
   * @param url JDBC URL of PostgreSQL
   * @param user user name
   * @param password password
   * @param passwordFile a file holding the password instead; wins over the value
   * @param poolSize pooled connections (workers, heartbeats and API requests share them)
   */
  public record Db(
      String url,
      String user,
      String password,
      Path passwordFile,
      @DefaultValue("10") int poolSize) {

    /** The password, read from its file when one is configured. */
    public String resolvedPassword() {
      String resolved = Secrets.resolve(password, passwordFile);
      return resolved == null ? "" : resolved;
    }
  }

  /**
   * The worker pool of this trainer.
   *
   * @param workers worker threads, each fitting one scope at a time; 0 makes an API-only trainer
   * @param lease how long a claimed task stays owned without a heartbeat; a crashed trainer's tasks
   *     are taken over after this
   * @param heartbeat how often a running task's lease is extended; well below {@code lease}
   * @param pollInterval how long an idle worker waits before asking the queue again
   * @param maxAttempts claims per task before it fails for good
   * @param cachedRuns how many runs' loaded data sets a trainer keeps in memory
   * @param referenceRows holdout rows stored with each version for the scorer's check
   */
  public record Trainer(
      @DefaultValue("2") int workers,
      @DefaultValue("60s") Duration lease,
      @DefaultValue("10s") Duration heartbeat,
      @DefaultValue("500ms") Duration pollInterval,
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("4") int cachedRuns,
      @DefaultValue("20") int referenceRows) {

    public Trainer {
      if (workers < 0) {
        throw new IllegalArgumentException("scopeml.trainer.workers must be 0 or more");
      }
      if (heartbeat.compareTo(lease) >= 0) {
        throw new IllegalArgumentException(
            "scopeml.trainer.heartbeat (" + heartbeat + ") must be shorter than the lease");
      }
      if (maxAttempts < 1 || cachedRuns < 1 || referenceRows < 0) {
        throw new IllegalArgumentException(
            "scopeml.trainer.max-attempts and cached-runs must be at least 1, reference-rows at"
                + " least 0");
      }
    }
  }

  /**
   * CSV uploads.
   *
   * @param maxSize the largest body accepted; larger uploads get 413
   */
  public record Upload(@DefaultValue("64MB") DataSize maxSize) {}

  /**
   * A named JDBC source. Runs name the source and a table (checked against the database's metadata)
   * or one of the source's configured queries; they never send SQL.
   *
   * @param url JDBC URL
   * @param user user name
   * @param password password
   * @param passwordFile a file holding the password instead
   * @param queries named SQL queries runs may read from
   */
  public record JdbcSource(
      String url, String user, String password, Path passwordFile, Map<String, String> queries) {

    public JdbcSource {
      queries = queries == null ? Map.of() : Map.copyOf(queries);
    }

    /** The password, read from its file when one is configured. */
    public String resolvedPassword() {
      String resolved = Secrets.resolve(password, passwordFile);
      return resolved == null ? "" : resolved;
    }
  }
}

package dev.scopeml.modelstore.database;

import java.util.Objects;

/**
 * How to reach the database.
 *
 * @param url JDBC URL ({@code jdbc:postgresql://…})
 * @param user user name
 * @param password password (may be empty)
 * @param poolSize maximum pooled connections
 * @param applicationName shown in {@code pg_stat_activity}, to tell trainers from scorers
 */
public record DatabaseSettings(
    String url, String user, String password, int poolSize, String applicationName) {

  public DatabaseSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    password = password == null ? "" : password;
    if (poolSize < 1) {
      throw new IllegalArgumentException("pool size must be at least 1");
    }
    applicationName = applicationName == null ? "scopeml" : applicationName;
  }
}

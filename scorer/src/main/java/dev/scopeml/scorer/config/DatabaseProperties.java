package dev.scopeml.scorer.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the scorer reaches the model registry, {@code scopeml.db.*} (environment: {@code
 * SCOPEML_DB_URL}, {@code SCOPEML_DB_USER}, {@code SCOPEML_DB_PASSWORD} or {@code
 * SCOPEML_DB_PASSWORD_FILE}).
 *
 * @param url JDBC URL of the PostgreSQL database
 * @param user user name
 * @param password password; ignored when {@code passwordFile} is set
 * @param passwordFile a file holding the password (a container secret), trailing line breaks
 *     dropped
 * @param poolSize pooled connections, used only for loading models and reconciling
 */
@ConfigurationProperties("scopeml.db")
public record DatabaseProperties(
    @DefaultValue("jdbc:postgresql://localhost:5432/scopeml") String url,
    @DefaultValue("scopeml") String user,
    String password,
    Path passwordFile,
    @DefaultValue("4") int poolSize) {

  /** The password, read from {@link #passwordFile()} when one is configured. */
  public String resolvedPassword() {
    if (passwordFile == null) {
      return password == null ? "" : password;
    }
    try {
      return Files.readString(passwordFile, StandardCharsets.UTF_8).stripTrailing();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read scopeml.db.password-file " + passwordFile, e);
    }
  }
}

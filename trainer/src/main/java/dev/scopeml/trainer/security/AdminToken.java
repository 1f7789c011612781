package dev.scopeml.trainer.security;

import dev.scopeml.trainer.config.TrainerProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.stereotype.Component;

/**
 * The configured bearer token. Only its SHA-256 is kept, and a presented token is compared by
 * digest with {@link MessageDigest#isEqual}, so the comparison takes the same time whatever the
 * presented token's length or how much of it matches.
 */
@Component
class AdminToken {

  private final byte[] digest;

  AdminToken(TrainerProperties properties) {
    String token = properties.resolvedAdminToken();
    if (token == null || token.isBlank()) {
      // Fail closed: a trainer without a token would have to choose between open and unusable.
      throw new IllegalStateException(
          "scopeml.admin-token is not set: set SCOPEML_ADMIN_TOKEN or SCOPEML_ADMIN_TOKEN_FILE");
    }
    this.digest = sha256(token);
  }

  boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(digest, sha256(presented));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}

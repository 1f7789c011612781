package dev.scopeml.trainer.security;

import dev.scopeml.trainer.config.SecretDigest;
import dev.scopeml.trainer.config.TrainerProperties;
import org.springframework.stereotype.Component;

/**
 * The configured bearer token. Only its SHA-256 is kept ({@link SecretDigest}, to which the
 * configuration binds it), and a presented token is compared by digest in constant time.
 */
@Component
class AdminToken {

  private final SecretDigest digest;

  AdminToken(TrainerProperties properties) {
    this.digest = properties.adminTokenDigest();
    if (digest == null) {
      // Fail closed: a trainer without a token would have to choose between open and unusable.
      throw new IllegalStateException(
          "scopeml.admin-token is not set: set SCOPEML_ADMIN_TOKEN or SCOPEML_ADMIN_TOKEN_FILE");
    }
  }

  boolean matches(String presented) {
    return digest.matches(presented);
  }
}

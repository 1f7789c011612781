package dev.scopeml.trainer.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * What the trainer keeps of a secret it only has to recognise, such as the admin token: its
 * SHA-256, never the secret. A presented value is compared by digest with {@link
 * MessageDigest#isEqual}, so the comparison takes the same time whatever the presented value's
 * length or how much of it matches.
 */
public final class SecretDigest {

  private final byte[] sha256;

  private SecretDigest(byte[] sha256) {
    this.sha256 = sha256;
  }

  /** The digest of {@code secret}; the secret itself is not kept. */
  public static SecretDigest of(String secret) {
    return new SecretDigest(sha256(secret));
  }

  /** Whether {@code presented} is the secret. */
  public boolean matches(String presented) {
    return presented != null && MessageDigest.isEqual(sha256, sha256(presented));
  }

  @Override
  public String toString() {
    return "SecretDigest[sha256 of a secret]";
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Binds a configured secret straight to its digest. */
  @Component
  @ConfigurationPropertiesBinding
  static final class FromText implements Converter<String, SecretDigest> {

    @Override
    public SecretDigest convert(String secret) {
      return secret.isBlank() ? null : SecretDigest.of(secret);
    }
  }
}

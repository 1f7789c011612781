package dev.scopeml.cli.stack.supervisor;

import dev.scopeml.cli.stack.StackException;
import dev.scopeml.nginx.FrontDoor;
import dev.scopeml.nginx.TierException;
import java.nio.file.Path;

/**
 * The local stack's front door as the environment asks: HTTPS when {@code SCOPEML_TLS_CERT_FILE}
 * and {@code SCOPEML_TLS_KEY_FILE} name a PEM certificate and its key, plain HTTP otherwise.
 */
final class FrontDoors {

  static final String CERTIFICATE = "SCOPEML_TLS_CERT_FILE";
  static final String KEY = "SCOPEML_TLS_KEY_FILE";

  private FrontDoors() {}

  static FrontDoor fromEnvironment(int port) {
    String certificate = System.getenv(CERTIFICATE);
    String key = System.getenv(KEY);
    boolean hasCertificate = certificate != null && !certificate.isBlank();
    boolean hasKey = key != null && !key.isBlank();
    if (!hasCertificate && !hasKey) {
      return FrontDoor.http(port);
    }
    if (hasCertificate != hasKey) {
      throw new StackException(
          "TLS needs both "
              + CERTIFICATE
              + " and "
              + KEY
              + "; only "
              + (hasCertificate ? CERTIFICATE : KEY)
              + " is set");
    }
    try {
      return FrontDoor.https(port, Path.of(certificate), Path.of(key));
    } catch (TierException e) {
      throw new StackException(e.getMessage(), e);
    }
  }
}

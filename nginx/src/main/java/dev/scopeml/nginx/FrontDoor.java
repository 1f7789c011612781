package dev.scopeml.nginx;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * nginx's public listener: its port and, for HTTPS, the certificate and key files.
 *
 * @param port the port on 127.0.0.1 (local) or in the container (compose)
 * @param certificate the PEM certificate chain, or null for plain HTTP
 * @param key the PEM private key of the certificate, or null
 */
public record FrontDoor(int port, Path certificate, Path key) {

  public FrontDoor {
    if ((certificate == null) != (key == null)) {
      throw new TierException("TLS needs both a certificate and its key file, not one of them");
    }
  }

  /** Plain HTTP on {@code port}. */
  public static FrontDoor http(int port) {
    return new FrontDoor(port, null, null);
  }

  /**
   * HTTPS on {@code port} with the PEM files given.
   *
   * @throws TierException naming a file that cannot be read
   */
  public static FrontDoor https(int port, Path certificate, Path key) {
    for (Path file : new Path[] {certificate, key}) {
      if (!Files.isReadable(file)) {
        throw new TierException("TLS file " + file + " does not exist or cannot be read");
      }
    }
    return new FrontDoor(
        port, certificate.toAbsolutePath().normalize(), key.toAbsolutePath().normalize());
  }

  /** Whether the listener serves HTTPS (and nothing else). */
  public boolean tls() {
    return certificate != null;
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return tls() ? "https" : "http";
  }

  /** The listener's URL on this machine. */
  public String url() {
    return scheme() + "://127.0.0.1:" + port;
  }
}

package dev.scopeml.testsupport.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate for {@code localhost} and {@code 127.0.0.1} with its private key (EC P-256), made
 * by {@code openssl req -x509} for a test and valid for two days.
 *
 * @param certificate the PEM certificate
 * @param key the PEM private key
 */
public record SelfSignedCertificate(Path certificate, Path key) {

  /** Generates a certificate and key into {@code folder}. */
  public static SelfSignedCertificate generate(Path folder) {
    try {
      Files.createDirectories(folder);
      Path certificate = folder.resolve("cert.pem");
      Path key = folder.resolve("key.pem");
      Process openssl =
          new ProcessBuilder(
                  List.of(
                      "openssl",
                      "req",
                      "-x509",
                      "-newkey",
                      "ec",
                      "-pkeyopt",
                      "ec_paramgen_curve:prime256v1",
                      "-nodes",
                      "-days",
                      "2",
                      "-subj",
                      "/CN=localhost",
                      "-addext",
                      "subjectAltName=DNS:localhost,IP:127.0.0.1",
                      "-keyout",
                      key.toString(),
                      "-out",
                      certificate.toString()))
              .redirectErrorStream(true)
              .start();
      String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
        throw new IllegalStateException("openssl could not make a certificate:\n" + output);
      }
      return new SelfSignedCertificate(certificate, key);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run openssl (apt-get install openssl)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while openssl ran", e);
    }
  }
}

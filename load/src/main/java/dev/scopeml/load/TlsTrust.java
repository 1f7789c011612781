package dev.scopeml.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS clients that trust exactly one certificate: a server's own, or the authority that signed it.
 */
public final class TlsTrust {

  private TlsTrust() {}

  /** A TLS client context trusting the PEM certificate in {@code certificate} and nothing else. */
  public static SSLContext of(Path certificate) {
    try (InputStream in = Files.newInputStream(certificate)) {
      var x509 = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      trusted.setCertificateEntry("trusted", x509);
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the certificate " + certificate, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(certificate + " holds no usable certificate", e);
    }
  }
}

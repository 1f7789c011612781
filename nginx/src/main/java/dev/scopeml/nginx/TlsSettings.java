package dev.scopeml.nginx;

/**
 * The directives that make the front door HTTPS: modern protocols only (TLS 1.2 and 1.3), forward-
 * secret AEAD ciphers for TLS 1.2 (Mozilla's "intermediate" list), no session tickets (their keys
 * would never rotate), and HSTS, so a browser that was answered once never tries plain HTTP again.
 * The port speaks TLS only: a plain HTTP request to it is redirected to https with 308, which keeps
 * the method and body of a POST, and nothing is served over plain HTTP.
 */
final class TlsSettings {

  private static final String CIPHERS =
      "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
          + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
          + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

  private TlsSettings() {}

  /** The {@code {{tls}}} block for {@code door}: empty for plain HTTP. */
  static String directives(FrontDoor door) {
    if (!door.tls()) {
      return "";
    }
    return """
        ssl_certificate %s;
        ssl_certificate_key %s;
        ssl_protocols TLSv1.2 TLSv1.3;
        ssl_ciphers %s;
        ssl_prefer_server_ciphers off;
        ssl_session_cache shared:scopeml_tls:10m;
        ssl_session_timeout 1d;
        ssl_session_tickets off;
        add_header Strict-Transport-Security "max-age=31536000" always;
        error_page 497 =308 https://$host:$server_port$request_uri;
        """
        .formatted(door.certificate(), door.key(), CIPHERS);
  }

  /** The {@code {{listen}}} value: the address, and {@code ssl} for HTTPS. */
  static String listen(String address, FrontDoor door) {
    return door.tls() ? address + " ssl" : address;
  }
}

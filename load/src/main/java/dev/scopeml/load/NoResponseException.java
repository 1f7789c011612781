package dev.scopeml.load;

import java.io.IOException;

/**
 * The connection ended before a single byte of the response arrived, closed or reset: the server
 * closed an idle keep-alive connection as the request went out. HTTP/1.1 lets a client send the
 * request again on a new connection then.
 */
final class NoResponseException extends IOException {

  private static final long serialVersionUID = 1L;

  NoResponseException(String message) {
    super(message);
  }

  NoResponseException(String message, IOException cause) {
    super(message + ": " + cause, cause);
  }
}

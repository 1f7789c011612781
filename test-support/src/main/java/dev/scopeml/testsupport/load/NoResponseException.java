package dev.scopeml.testsupport.load;

import java.io.IOException;

/**
 * The connection ended before a single byte of the response arrived: the server closed an idle
 * keep-alive connection as the request went out. HTTP/1.1 lets a client send the request again on a
 * new connection then.
 */
public final class NoResponseException extends IOException {

  private static final long serialVersionUID = 1L;

  public NoResponseException(String message) {
    super(message);
  }
}

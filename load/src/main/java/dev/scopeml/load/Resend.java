package dev.scopeml.load;

/**
 * What a client does with a request whose keep-alive connection closed before a single byte of the
 * response arrived, as when nginx retires a worker and closes its idle client connections just as a
 * request goes out.
 */
public enum Resend {

  /**
   * The request is a failure, as curl, wrk or any plain client would report it: counts what an
   * application that does not retry sees.
   */
  NEVER,

  /**
   * The request is sent once more on a new connection and counted as resent: HTTP/1.1 lets a client
   * resend an idempotent request that got no response, and a prediction is a pure function. A
   * second failure is a failure.
   */
  ONCE_AFTER_CLOSED_CONNECTION
}

package dev.scopeml.load;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP response as the load generator keeps it.
 *
 * @param status the status code
 * @param headers response headers, names in lower case (the last value wins)
 * @param body the body bytes, de-chunked
 */
public record HttpAnswer(int status, Map<String, String> headers, byte[] body) {

  /** A header's value by its name in any case, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether the server will close the connection after this response. */
  public boolean closes() {
    return "close".equalsIgnoreCase(header("connection"));
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Status, headers and the body's text: what a failed check shows of an answer. */
  @Override
  public String toString() {
    return "HttpAnswer[status=" + status + ", headers=" + headers + ", body=" + text() + "]";
  }
}

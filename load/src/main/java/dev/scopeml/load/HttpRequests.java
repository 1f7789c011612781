package dev.scopeml.load;

import java.nio.charset.StandardCharsets;

/** Complete HTTP/1.1 requests as bytes, encoded once so sending them costs no formatting. */
public final class HttpRequests {

  private HttpRequests() {}

  /** {@code POST path} with a JSON body, keep-alive. */
  public static byte[] postJson(int port, String path, String body) {
    byte[] content = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + content.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + content.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(content, 0, request, headBytes.length, content.length);
    return request;
  }

  /** {@code GET path}, keep-alive. */
  public static byte[] get(int port, String path) {
    return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }
}

package dev.scopeml.load;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 response from a stream: the status line, the headers, and a body framed by
 * {@code Content-Length} or {@code Transfer-Encoding: chunked}. Enough for the answers of nginx,
 * Tomcat and gunicorn; nothing more general.
 */
final class HttpResponseReader {

  private final InputStream in;

  /**
   * @param in a buffered stream positioned at the start of a response
   */
  public HttpResponseReader(InputStream in) {
    this.in = in;
  }

  /**
   * Reads the next response.
   *
   * @throws NoResponseException if the stream ends before the response's first byte
   */
  public HttpAnswer read() throws IOException {
    String statusLine = line(true);
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: " + statusLine);
    }
    int status = Integer.parseInt(parts[1]);
    var headers = new HashMap<String, String>();
    for (String header = line(false); !header.isEmpty(); header = line(false)) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        headers.put(
            header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
            header.substring(colon + 1).trim());
      }
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked();
    } else if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else {
      body = new byte[0];
    }
    return new HttpAnswer(status, headers, body);
  }

  private byte[] chunked() throws IOException {
    var body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = line(false);
      int semicolon = sizeLine.indexOf(';');
      int size =
          Integer.parseInt(
              (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
      if (size == 0) {
        // Trailers, if any, end with an empty line like the headers.
        while (!line(false).isEmpty()) {
          // ignored
        }
        return body.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("connection closed inside a chunk");
      }
      body.write(chunk);
      line(false);
    }
  }

  /**
   * The response's first byte. A connection reset before it is a connection closed before the
   * response, like a clean end of stream; a timeout is not: the server may still be working.
   */
  private int firstByte() throws IOException {
    try {
      return in.read();
    } catch (SocketTimeoutException e) {
      throw e;
    } catch (IOException e) {
      throw new NoResponseException("connection closed before the response", e);
    }
  }

  /** One CRLF-terminated line without its terminator. */
  private String line(boolean first) throws IOException {
    var bytes = new ByteArrayOutputStream(64);
    while (true) {
      int b = first && bytes.size() == 0 ? firstByte() : in.read();
      if (b < 0) {
        if (first && bytes.size() == 0) {
          throw new NoResponseException("connection closed before the response");
        }
        throw new EOFException("connection closed inside the response");
      }
      if (b == '\n') {
        byte[] line = bytes.toByteArray();
        int length = line.length;
        if (length > 0 && line[length - 1] == '\r') {
          length--;
        }
        return new String(line, 0, length, StandardCharsets.ISO_8859_1);
      }
      bytes.write(b);
    }
  }
}

package dev.scopeml.scorer.web;

import dev.scopeml.scorer.config.ScorerProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Reads request bodies under the size limit and parses them into plain JSON values. The controllers
 * read bodies through here rather than through data binding, so that every limit is explicit and
 * every refusal names what was wrong.
 */
@Component
public final class RequestBodies {

  private final int maxBytes;
  private final JsonValues json;

  RequestBodies(ScorerProperties properties) {
    this.maxBytes = (int) properties.maxBodySize().toBytes();
    this.json = new JsonValues(maxBytes);
  }

  /**
   * The body as plain JSON values (see {@link JsonValues}).
   *
   * @throws UnsupportedMediaTypeException if the body is not declared JSON
   * @throws PayloadTooLargeException if the body is over the limit
   * @throws BadRequestException if it is empty or not well-formed JSON within the stream limits
   */
  public Object readJson(HttpServletRequest request) {
    requireJson(request.getContentType());
    return parseJson(readBytes(request));
  }

  /**
   * A body that arrived some other way than HTTP (a stream request's value), under the same size
   * limit and parsed with the same stream limits.
   *
   * @throws PayloadTooLargeException if it is over the limit
   * @throws BadRequestException if it is empty or not well-formed JSON within the stream limits
   */
  public Object parseJson(byte[] body) {
    if (body.length > maxBytes) {
      throw tooLarge(body.length);
    }
    if (body.length == 0) {
      throw new BadRequestException(null, "request body is empty: a JSON object is required");
    }
    return json.parse(body);
  }

  /** Accepts {@code application/json} and any {@code +json} type, with any parameters. */
  private static void requireJson(String declared) {
    MediaType type;
    try {
      type = declared == null ? null : MediaType.parseMediaType(declared);
    } catch (InvalidMediaTypeException e) {
      type = null;
    }
    boolean json =
        type != null
            && (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)
                || ("application".equals(type.getType()) && type.getSubtype().endsWith("+json")));
    if (!json) {
      throw new UnsupportedMediaTypeException(
          "the request body must be JSON, declared with Content-Type: application/json"
              + (declared == null
                  ? " (the request declares no Content-Type)"
                  : ", not " + declared));
    }
  }

  private byte[] readBytes(HttpServletRequest request) {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge(declared);
    }
    try (InputStream in = request.getInputStream()) {
      var out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 1024);
      byte[] chunk = new byte[8192];
      int total = 0;
      int read;
      while ((read = in.read(chunk)) != -1) {
        total += read;
        if (total > maxBytes) {
          throw tooLarge(total);
        }
        out.write(chunk, 0, read);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  private PayloadTooLargeException tooLarge(long size) {
    return new PayloadTooLargeException(
        "request body of at least " + size + " bytes is over the limit of " + maxBytes + " bytes");
  }
}

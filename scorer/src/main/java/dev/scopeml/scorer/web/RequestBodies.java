package dev.scopeml.scorer.web;

import dev.scopeml.scorer.config.ScorerProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
   * @throws PayloadTooLargeException if the body is over the limit
   * @throws BadRequestException if it is empty or not well-formed JSON within the stream limits
   */
  public Object readJson(HttpServletRequest request) {
    return json.parse(readBytes(request));
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
      if (total == 0) {
        throw new BadRequestException(null, "request body is empty: a JSON object is required");
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

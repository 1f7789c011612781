package dev.scopeml.scorer.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;

/**
 * Writes a complete JSON answer with its length, in one write. Returned through a message converter
 * instead, a response goes out as a flushed chunk and a closing chunk: two writes that were a
 * visible share of the CPU time of a one-row prediction.
 */
public final class JsonAnswer {

  private JsonAnswer() {}

  /** Answers 200 with {@code json} as the body. */
  public static void ok(HttpServletResponse response, byte[] json) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(json.length);
    response.getOutputStream().write(json);
  }
}

package dev.scopeml.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP/1.1 client for the suite: bytes in, status and text out, nothing interpreted. */
public final class Http {

  public static final JsonMapper JSON = JsonMapper.builder().build();

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Http() {}

  /**
   * An answer.
   *
   * @param status the status code
   * @param body the body as text
   * @param headers the response headers, names in lower case
   */
  public record Reply(int status, String body, Map<String, List<String>> headers) {

    /** The body parsed as JSON; fails the test if it is not JSON. */
    public JsonNode json() {
      return JSON.readTree(body);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.getFirst();
    }
  }

  /**
   * Sends one request.
   *
   * @param body raw bytes, or null for none
   * @param headers extra headers (the JDK client refuses a few, such as Host and Content-Length)
   * @throws UncheckedIOException if no answer came at all
   */
  public static Reply send(String method, URI uri, byte[] body, Map<String, String> headers) {
    var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Reply(response.statusCode(), response.body(), response.headers().map());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + uri + " got no answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  public static Reply get(URI uri) {
    return send("GET", uri, null, Map.of());
  }

  /** POSTs {@code value} as JSON (a String is sent as it is). */
  public static Reply postJson(URI uri, Object value) {
    String text = value instanceof String s ? s : JSON.writeValueAsString(value);
    return send(
        "POST",
        uri,
        text.getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "application/json"));
  }

  /** The status of a GET, or -1 if nothing answered. */
  public static int statusOf(URI uri) {
    try {
      return get(uri).status();
    } catch (UncheckedIOException e) {
      return -1;
    }
  }
}

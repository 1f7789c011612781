package dev.scopeml.trainer.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON body of every 4xx and 5xx answer: {@code {"error": "...", "status": 400, ...details}}.
 */
public final class ApiError {

  private ApiError() {}

  /** The body for {@code status} with a message and details such as the field at fault. */
  public static Map<String, Object> body(int status, String message, Map<String, Object> details) {
    var body = new LinkedHashMap<String, Object>();
    body.put("error", message);
    body.put("status", status);
    details.forEach(body::putIfAbsent);
    return body;
  }
}

package dev.scopeml.trainer.api;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A request the trainer refuses, with the status it answers and the details it names (the field,
 * column or parameter at fault). Thrown before anything is stored, so a refused request changes
 * nothing.
 */
public final class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final Map<String, Object> details;

  private ApiException(HttpStatus status, String message, Map<String, Object> details) {
    super(message);
    this.status = status;
    this.details = details;
  }

  /** 400: the request is malformed or names something that does not exist in the data. */
  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message, new LinkedHashMap<>());
  }

  /** 404: the run or model addressed by the path does not exist. */
  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, message, new LinkedHashMap<>());
  }

  /** 409: the request conflicts with stored state. */
  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, message, new LinkedHashMap<>());
  }

  /** 413: the body is larger than allowed. */
  public static ApiException tooLarge(String message) {
    return new ApiException(HttpStatus.CONTENT_TOO_LARGE, message, new LinkedHashMap<>());
  }

  /** Adds a detail to the JSON error, e.g. {@code field}, {@code column} or {@code parameter}. */
  public ApiException with(String key, Object value) {
    details.put(key, value);
    return this;
  }

  public HttpStatus status() {
    return status;
  }

  public Map<String, Object> details() {
    return Map.copyOf(details);
  }
}

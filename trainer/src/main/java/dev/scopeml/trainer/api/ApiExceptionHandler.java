package dev.scopeml.trainer.api;

import dev.scopeml.learning.algorithm.InvalidParametersException;
import dev.scopeml.modelstore.registry.RegistryException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every refused request into the JSON error body, with a status that says whose fault. */
@RestControllerAdvice
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<Map<String, Object>> refused(ApiException e) {
    return answer(e.status(), e.getMessage(), e.details());
  }

  @ExceptionHandler(InvalidParametersException.class)
  ResponseEntity<Map<String, Object>> parameters(InvalidParametersException e) {
    return answer(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of("parameter", e.parameter()));
  }

  @ExceptionHandler(RegistryException.class)
  ResponseEntity<Map<String, Object>> registry(RegistryException e) {
    HttpStatus status =
        switch (e.reason()) {
          case NOT_FOUND -> HttpStatus.NOT_FOUND;
          case CONFLICT -> HttpStatus.CONFLICT;
          case INVALID -> HttpStatus.BAD_REQUEST;
        };
    return answer(status, e.getMessage(), Map.of());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    String detail = cause.getMessage() == null ? "" : firstLine(cause.getMessage());
    return answer(
        HttpStatus.BAD_REQUEST,
        "request body is not valid JSON for this endpoint: " + detail,
        Map.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> mismatch(MethodArgumentTypeMismatchException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        "'" + e.getName() + "' has a malformed value '" + e.getValue() + "'",
        Map.of("field", e.getName()));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missingParameter(MissingServletRequestParameterException e) {
    return answer(
        HttpStatus.BAD_REQUEST,
        "query parameter '" + e.getParameterName() + "' is required",
        Map.of("field", e.getParameterName()));
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return answer(
        HttpStatus.METHOD_NOT_ALLOWED,
        "method " + e.getMethod() + " is not allowed here",
        Map.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return answer(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "content type " + e.getContentType() + " is not supported here",
        Map.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
    return answer(HttpStatus.NOT_FOUND, "no such endpoint: /" + e.getResourcePath(), Map.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    log.error("request failed", e);
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error; the trainer log has the details",
        Map.of());
  }

  private static ResponseEntity<Map<String, Object>> answer(
      HttpStatus status, String message, Map<String, Object> details) {
    return ResponseEntity.status(status).body(ApiError.body(status.value(), message, details));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}

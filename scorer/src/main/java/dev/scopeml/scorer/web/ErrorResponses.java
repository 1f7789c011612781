package dev.scopeml.scorer.web;

import dev.scopeml.scorer.modelcache.ModelUnavailableException;
import dev.scopeml.scorer.modelcache.UnknownModelException;
import dev.scopeml.scorer.modelcache.UnknownScopeException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns every failure into a JSON {@link ApiError}: bad input is a 4xx naming the field, an unknown
 * model or scope a 404, a body not declared JSON a 415, an oversized body a 413. Only a fault of
 * the scorer itself is a 5xx, and it says nothing of its internals.
 */
@RestControllerAdvice
class ErrorResponses {

  private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ApiError> badRequest(BadRequestException e) {
    return answer(HttpStatus.BAD_REQUEST, new ApiError(e.getMessage(), e.field()));
  }

  @ExceptionHandler(PayloadTooLargeException.class)
  ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e) {
    // The unread rest of the body is not worth swallowing: close the connection after answering.
    return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
        .header(HttpHeaders.CONNECTION, "close")
        .contentType(MediaType.APPLICATION_JSON)
        .body(ApiError.of(e.getMessage()));
  }

  @ExceptionHandler(UnsupportedMediaTypeException.class)
  ResponseEntity<ApiError> notJson(UnsupportedMediaTypeException e) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, new ApiError(e.getMessage(), "Content-Type"));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ApiError> notFound(NotFoundException e) {
    return answer(HttpStatus.NOT_FOUND, new ApiError(e.getMessage(), e.field()));
  }

  @ExceptionHandler(UnknownModelException.class)
  ResponseEntity<ApiError> unknownModel(UnknownModelException e) {
    return answer(HttpStatus.NOT_FOUND, ApiError.of(e.getMessage()));
  }

  @ExceptionHandler(UnknownScopeException.class)
  ResponseEntity<ApiError> unknownScope(UnknownScopeException e) {
    return answer(HttpStatus.NOT_FOUND, new ApiError(e.getMessage(), "scope"));
  }

  @ExceptionHandler(ModelUnavailableException.class)
  ResponseEntity<ApiError> unavailable(ModelUnavailableException e) {
    log.warn("answered 503: {}", e.getMessage());
    return answer(HttpStatus.SERVICE_UNAVAILABLE, ApiError.of(e.getMessage()));
  }

  @ExceptionHandler(UncheckedIOException.class)
  ResponseEntity<ApiError> unreadable(UncheckedIOException e) {
    return answer(HttpStatus.BAD_REQUEST, ApiError.of("the request body could not be read"));
  }

  /** Spring's own refusals: unknown path, wrong method, unacceptable media type, … */
  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> other(Exception e) {
    if (e instanceof ErrorResponse spring) {
      HttpStatusCode status = spring.getStatusCode();
      String detail = spring.getBody().getDetail();
      return answer(status, ApiError.of(detail == null ? e.getMessage() : detail));
    }
    log.error("request failed", e);
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, ApiError.of("internal error"));
  }

  private static ResponseEntity<ApiError> answer(HttpStatusCode status, ApiError error) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
  }
}

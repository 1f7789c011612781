package dev.scopeml.scorer.kafka;

import dev.scopeml.scorer.modelcache.UnknownModelException;
import dev.scopeml.scorer.modelcache.UnknownScopeException;
import dev.scopeml.scorer.scoring.PredictionMetrics;
import dev.scopeml.scorer.web.BadRequestException;
import dev.scopeml.scorer.web.PayloadTooLargeException;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A stream request the scorer refuses because of its content, with what HTTP would have answered
 * the same body: the status and the error JSON ({@code {"error": …, "field": …}}). The request goes
 * to the dead-letter topic with both; retrying it could never succeed.
 */
final class StreamRefusal extends RuntimeException {

  private static final JsonFactory JSON = new JsonFactory();

  private final int status;
  private final String field;
  private final String model;
  private final String scope;

  private StreamRefusal(int status, String message, String field, String model, String scope) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
    this.model = model;
    this.scope = scope;
  }

  /**
   * A refusal of the stream itself, which no HTTP request can meet (e.g. a message without value).
   */
  static StreamRefusal badRequest(String message, String field) {
    return new StreamRefusal(
        400, message, field, PredictionMetrics.UNKNOWN, PredictionMetrics.UNKNOWN);
  }

  /**
   * The refusal HTTP would answer to {@code e}, or null when {@code e} is no fault of the request
   * (a model that cannot be served right now, a fault of the scorer): such a poll is retried.
   *
   * @param model the model the request named, once known to the registry, else null
   */
  static StreamRefusal of(RuntimeException e, String model) {
    String known = model == null ? PredictionMetrics.UNKNOWN : model;
    String unresolved = PredictionMetrics.UNKNOWN;
    return switch (e) {
      case StreamRefusal refusal -> refusal;
      case BadRequestException bad ->
          new StreamRefusal(400, bad.getMessage(), bad.field(), known, unresolved);
      case PayloadTooLargeException large ->
          new StreamRefusal(413, large.getMessage(), null, known, unresolved);
      case UnknownModelException unknown ->
          new StreamRefusal(404, unknown.getMessage(), null, unresolved, unresolved);
      case UnknownScopeException scope ->
          new StreamRefusal(404, scope.getMessage(), "scope", known, unresolved);
      default -> null;
    };
  }

  /** The same refusal, for a request whose rows were answered by {@code scope}. */
  StreamRefusal withScope(String answeringScope) {
    return new StreamRefusal(status, getMessage(), field, model, answeringScope);
  }

  /** The HTTP status the same body would have been answered with. */
  int status() {
    return status;
  }

  String model() {
    return model;
  }

  String scope() {
    return scope;
  }

  /** The error JSON, as HTTP answers it: {@code {"error": …}} plus {@code "field"} where known. */
  byte[] json() {
    var out = new ByteArrayOutputStream(64 + getMessage().length());
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("error", getMessage());
      if (field != null) {
        json.writeStringProperty("field", field);
      }
      json.writeEndObject();
    }
    return out.toByteArray();
  }
}

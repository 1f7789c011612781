package dev.scopeml.scorer.kafka;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.scorer.config.ScorerProperties;
import dev.scopeml.scorer.modelcache.ModelResolver;
import dev.scopeml.scorer.prediction.PredictRequest;
import dev.scopeml.scorer.web.BadRequestException;
import dev.scopeml.scorer.web.RequestBodies;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads stream requests. A request's value is the native predict body with the model named in it:
 * {@code {"model": "churn", "scope": {...}, "instances": [...]}}. Everything after the model is
 * checked by the code that checks HTTP bodies, with the same limits, in the same order, so a
 * refused request gets the answer HTTP would give.
 */
final class StreamRequests {

  private static final String MODEL = "model";

  private final RequestBodies bodies;
  private final ModelResolver resolver;
  private final int maxInstances;

  StreamRequests(RequestBodies bodies, ModelResolver resolver, ScorerProperties properties) {
    this.bodies = bodies;
    this.resolver = resolver;
    this.maxInstances = properties.maxInstances();
  }

  /**
   * @throws StreamRefusal naming what is wrong with the request
   * @throws RuntimeException anything else, which is no fault of the request
   */
  StreamRequest parse(int index, ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      throw StreamRefusal.badRequest(
          "the message has no value: send the predict request's JSON object", null);
    }
    String model = null;
    try {
      if (!(bodies.parseJson(record.value()) instanceof Map<?, ?> object)) {
        throw new BadRequestException(null, "request body must be a JSON object");
      }
      ModelFamily family = resolver.family(modelOf(object));
      model = family.name();
      var body = new LinkedHashMap<Object, Object>(object);
      body.remove(MODEL);
      PredictRequest request = PredictRequest.from(body, maxInstances);
      return new StreamRequest(index, record, family, request, request.scopes(family));
    } catch (RuntimeException e) {
      StreamRefusal refusal = StreamRefusal.of(e, model);
      if (refusal == null) {
        throw e;
      }
      throw refusal;
    }
  }

  private static String modelOf(Map<?, ?> object) {
    Object model = object.get(MODEL);
    if (model == null) {
      throw new BadRequestException(
          MODEL, "model is missing: name the model that should answer, e.g. \"model\": \"churn\"");
    }
    if (!(model instanceof String name)) {
      throw new BadRequestException(MODEL, "model must be a string, the model's name");
    }
    return name;
  }
}

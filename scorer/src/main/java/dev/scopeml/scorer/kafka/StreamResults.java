package dev.scopeml.scorer.kafka;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The value of a result message: where its request came from and the native API's answer to it.
 *
 * <pre>{@code
 * {"topic": "scopeml-requests", "partition": 3, "offset": 1234, "key": "order-17",
 *  "model": "churn",
 *  "predictions": [{"scope": "contract=One year", "version": 3, "label": "No",
 *                   "probabilities": {"No": 0.91, "Yes": 0.09}}]}
 * }</pre>
 *
 * <p>{@code predictions} is written by the code that writes HTTP's, so the two are the same; {@code
 * key} is the request's key read as UTF-8, or null when it had none (the result's own key is the
 * request's, byte for byte).
 */
final class StreamResults {

  private static final JsonFactory JSON = new JsonFactory();

  private StreamResults() {}

  /**
   * @param predictions writes the array's elements, one per instance of the request
   */
  static byte[] json(
      ConsumerRecord<byte[], byte[]> request, String model, Consumer<JsonGenerator> predictions) {
    var out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("topic", request.topic());
      json.writeNumberProperty("partition", request.partition());
      json.writeNumberProperty("offset", request.offset());
      json.writeStringProperty(
          "key", request.key() == null ? null : new String(request.key(), StandardCharsets.UTF_8));
      json.writeStringProperty("model", model);
      json.writeName("predictions");
      json.writeStartArray();
      predictions.accept(json);
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toByteArray();
  }
}

package dev.scopeml.scorer.kafka;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.prediction.PredictRequest;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A stream request that parsed: its record, the model it names and its rows with their requested
 * scopes.
 *
 * @param index its place in the poll
 * @param record the request as consumed
 * @param family the model
 * @param request its scope and instances, as the native predict API takes them
 * @param scopes the requested scope of each instance
 */
record StreamRequest(
    int index,
    ConsumerRecord<byte[], byte[]> record,
    ModelFamily family,
    PredictRequest request,
    ScopeKey[] scopes) {

  int rows() {
    return scopes.length;
  }

  Map<String, Object> row(int row) {
    return request.instances().get(row);
  }
}

package dev.scopeml.scorer.prediction;

import dev.scopeml.scorer.modelcache.LoadedModel;
import dev.scopeml.scorer.scoring.RowOrder;
import dev.scopeml.scorer.scoring.ScopeGroup;
import dev.scopeml.scorer.scoring.Scoring;
import java.io.ByteArrayOutputStream;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The answer to a native prediction request, written straight from the predicted probabilities to
 * JSON bytes:
 *
 * <pre>{@code
 * {"model": "churn",
 *  "predictions": [{"scope": "contract=One year", "version": 3, "label": "No",
 *                   "probabilities": {"No": 0.91, "Yes": 0.09}}, …]}
 * }</pre>
 *
 * <p>One prediction per instance, in request order: {@code scope} is the scope whose version
 * answered ({@code *} on a fallback), {@code version} that version, {@code label} the most probable
 * class (the first one on a tie), {@code probabilities} class to probability in the schema's class
 * order. On a fallback to the global model, {@code "fallback": true} and {@code requested_scope}
 * (the scope asked for) follow; otherwise both are left out.
 *
 * <p>Written with a bare generator rather than through object mapping and content negotiation, and
 * into a byte array so that the response goes out with a {@code Content-Length} in one write: on a
 * one-row request those costs were a large part of the scorer's CPU time per request.
 */
public final class PredictResponse {

  private static final JsonFactory JSON = new JsonFactory();

  private PredictResponse() {}

  /**
   * @param model the model's name
   * @param groups the request's rows grouped by scope
   * @param probabilities per group, {@code classCount} probabilities per row of the group
   * @param rows the number of rows in the request
   */
  static byte[] json(String model, List<ScopeGroup> groups, double[][] probabilities, int rows) {
    RowOrder order = RowOrder.of(groups, rows);
    var out = new ByteArrayOutputStream(128 + 160 * rows);
    try (JsonGenerator json = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
      json.writeStartObject();
      json.writeStringProperty("model", model);
      json.writeName("predictions");
      json.writeStartArray();
      for (int row = 0; row < rows; row++) {
        int g = order.group(row);
        prediction(json, groups.get(g), probabilities[g], order.indexInGroup(row));
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Writes one prediction object: the answer to row {@code index} of {@code group}, whose
   * probabilities are {@code probabilities} (the group's, {@code classCount} per row). The stream
   * trigger writes its results' predictions with it, so they are the same as HTTP's.
   */
  public static void prediction(
      JsonGenerator json, ScopeGroup group, double[] probabilities, int index) {
    LoadedModel model = group.resolution().model();
    int classes = model.classCount();
    int offset = index * classes;
    json.writeStartObject();
    json.writeStringProperty("scope", model.key().scope().toString());
    json.writeNumberProperty("version", model.version());
    json.writeStringProperty(
        "label", model.className(Scoring.argmax(probabilities, index, classes)));
    json.writeName("probabilities");
    json.writeStartObject();
    for (int c = 0; c < classes; c++) {
      json.writeNumberProperty(model.className(c), probabilities[offset + c]);
    }
    json.writeEndObject();
    if (group.resolution().fallback()) {
      json.writeBooleanProperty("fallback", true);
      json.writeStringProperty("requested_scope", group.requested().toString());
    }
    json.writeEndObject();
  }
}

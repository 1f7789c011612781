package dev.scopeml.scorer.prediction;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.schema.RowEncodingException;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.modelcache.LoadedModel;
import dev.scopeml.scorer.scoring.ScopeValues;
import dev.scopeml.scorer.web.BadRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A native prediction request: the body of {@code POST /v1/models/{model}/predict}, and of a stream
 * request once its {@code model} is taken out.
 *
 * @param scope the request-level scope (object or canonical string), or null when every instance
 *     carries its scope columns
 * @param instances rows of column to value
 */
public record PredictRequest(Object scope, List<Map<String, Object>> instances) {

  private static final Set<String> FIELDS = Set.of("scope", "instances");

  /**
   * Checks the shape of a parsed body.
   *
   * @throws BadRequestException naming the field that is missing, unknown or of the wrong type
   */
  @SuppressWarnings("unchecked")
  public static PredictRequest from(Object body, int maxInstances) {
    if (!(body instanceof Map<?, ?> object)) {
      throw new BadRequestException(null, "request body must be a JSON object");
    }
    for (Object field : object.keySet()) {
      if (!FIELDS.contains(field)) {
        throw new BadRequestException(
            (String) field, "unknown field '" + field + "': expected 'instances' and 'scope'");
      }
    }
    if (object.containsKey("scope") && object.get("scope") == null) {
      throw new BadRequestException("scope", "scope must not be null: leave it out instead");
    }
    if (!(object.get("instances") instanceof List<?> list)) {
      throw new BadRequestException(
          "instances",
          object.containsKey("instances")
              ? "instances must be an array of objects"
              : "instances is missing: give an array of objects, one per row");
    }
    if (list.isEmpty()) {
      throw new BadRequestException("instances", "instances is empty: give at least one row");
    }
    if (list.size() > maxInstances) {
      throw new BadRequestException(
          "instances",
          "instances has " + list.size() + " rows, more than the limit of " + maxInstances);
    }
    var instances = new ArrayList<Map<String, Object>>(list.size());
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof Map<?, ?> row)) {
        throw new BadRequestException(
            "instances[" + i + "]", "instances[" + i + "] must be an object of column to value");
      }
      instances.add((Map<String, Object>) row);
    }
    return new PredictRequest(object.get("scope"), instances);
  }

  /**
   * The requested scope of every instance: the request-level scope for all, or each instance's own
   * scope columns.
   *
   * @throws BadRequestException naming the scope field that is missing, unknown or malformed
   */
  public ScopeKey[] scopes(ModelFamily family) {
    var scopes = new ScopeKey[instances.size()];
    if (scope != null) {
      Arrays.fill(scopes, ScopeValues.fromField(scope, family, "scope"));
      return scopes;
    }
    for (int i = 0; i < scopes.length; i++) {
      scopes[i] = ScopeValues.fromRow(instances.get(i), family, "instances[" + i + "]");
    }
    return scopes;
  }

  /**
   * Encodes instance {@code row} for {@code model} into {@code out} from {@code offset}: a {@link
   * dev.scopeml.scorer.scoring.RowWriter} of this request.
   *
   * @throws BadRequestException naming the instance's field that cannot be encoded
   */
  public void encode(int row, LoadedModel model, double[] out, int offset) {
    try {
      model.encoder().encode(instances.get(row), out, offset);
    } catch (RowEncodingException e) {
      String field = "instances[" + row + "]." + e.field();
      throw new BadRequestException(field, field + ": " + e.getMessage());
    }
  }
}

package dev.scopeml.scorer.inference;

import dev.scopeml.scorer.web.BadRequestException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol inference request. Fields the protocol defines are checked; other
 * top-level fields and tensor parameters are ignored, as clients of other servers may send them.
 *
 * @param id the request id to echo, or null
 * @param parameters request parameters (possibly carrying the scope), never null
 * @param inputs the input tensors, at least one
 * @param outputs the names of the requested outputs; empty for all
 */
record InferRequest(
    String id, Map<String, Object> parameters, List<InputTensor> inputs, List<String> outputs) {

  /**
   * Checks the shape of a parsed body.
   *
   * @param maxElements the most elements one tensor may hold
   * @throws BadRequestException naming the field that is missing or malformed
   */
  @SuppressWarnings("unchecked")
  static InferRequest from(Object body, long maxElements) {
    if (!(body instanceof Map<?, ?> object)) {
      throw new BadRequestException(null, "request body must be a JSON object");
    }
    Object id = object.get("id");
    if (id != null && !(id instanceof String)) {
      throw new BadRequestException("id", "id must be a string");
    }
    Object parameters = object.get("parameters");
    if (parameters != null && !(parameters instanceof Map<?, ?>)) {
      throw new BadRequestException("parameters", "parameters must be an object");
    }
    if (!(object.get("inputs") instanceof List<?> rawInputs) || rawInputs.isEmpty()) {
      throw new BadRequestException("inputs", "inputs must be a non-empty array of tensors");
    }
    var inputs = new ArrayList<InputTensor>(rawInputs.size());
    var names = new HashSet<String>();
    for (int i = 0; i < rawInputs.size(); i++) {
      InputTensor input = InputTensor.from(rawInputs.get(i), i, maxElements);
      if (!names.add(input.name())) {
        throw new BadRequestException(
            "inputs[" + i + "].name", "input '" + input.name() + "' is given twice");
      }
      inputs.add(input);
    }
    return new InferRequest(
        (String) id,
        parameters == null ? Map.of() : (Map<String, Object>) parameters,
        inputs,
        outputNames(object.get("outputs")));
  }

  private static List<String> outputNames(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> outputs)) {
      throw new BadRequestException("outputs", "outputs must be an array of {\"name\": …}");
    }
    var names = new ArrayList<String>(outputs.size());
    for (int i = 0; i < outputs.size(); i++) {
      if (!(outputs.get(i) instanceof Map<?, ?> output)
          || !(output.get("name") instanceof String name)) {
        throw new BadRequestException(
            "outputs[" + i + "].name", "outputs[" + i + "] must be an object with a string name");
      }
      names.add(name);
    }
    return names;
  }
}

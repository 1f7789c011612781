package dev.scopeml.scorer.inference;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol inference response.
 *
 * @param modelName the model
 * @param modelVersion the version that answered, or the answering versions joined by commas
 * @param id the request's id, echoed, or null
 * @param parameters the answering scope(s) and whether the global model answered as a fallback
 * @param outputs the requested outputs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record InferResponse(
    @JsonProperty("model_name") String modelName,
    @JsonProperty("model_version") String modelVersion,
    String id,
    Map<String, Object> parameters,
    List<OutputTensor> outputs) {}

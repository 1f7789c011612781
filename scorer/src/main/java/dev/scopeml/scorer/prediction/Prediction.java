package dev.scopeml.scorer.prediction;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The prediction for one instance.
 *
 * @param scope the scope whose version answered ({@code *} on a fallback)
 * @param version the version that answered
 * @param label the most probable class
 * @param probabilities class to probability, in the schema's class order
 * @param fallback true when the requested scope has no active version and the global model
 *     answered; left out otherwise
 * @param requestedScope the scope asked for, present only on a fallback
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Prediction(
    String scope,
    int version,
    String label,
    Map<String, Double> probabilities,
    Boolean fallback,
    @JsonProperty("requested_scope") String requestedScope) {}

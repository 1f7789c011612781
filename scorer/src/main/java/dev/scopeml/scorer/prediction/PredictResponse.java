package dev.scopeml.scorer.prediction;

import java.util.List;

/**
 * The answer to a native prediction request.
 *
 * @param model the model
 * @param predictions one per instance, in request order
 */
record PredictResponse(String model, List<Prediction> predictions) {}

package dev.scopeml.scorer.warmup;

/**
 * One request the warm-up replays.
 *
 * @param path the request path, e.g. {@code /v1/models/churn/predict}
 * @param body its JSON body
 */
record WarmUpRequest(String path, String body) {}

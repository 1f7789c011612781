/**
 * The Open Inference Protocol v2 (REST): {@code GET /v2}, health, model metadata and readiness, and
 * {@code POST /v2/models/{model}/infer} with named inputs per feature or one encoded [N, F] tensor.
 * Errors are {@code {"error": "..."}} with a 4xx status.
 */
package dev.scopeml.scorer.inference;

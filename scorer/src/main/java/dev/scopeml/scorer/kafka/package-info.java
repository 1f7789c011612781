/**
 * The Kafka trigger: scorers consume prediction requests from a topic in a consumer group, score
 * each poll as a micro-batch through the model cache and scoring path the HTTP APIs use, and
 * publish one result per request, or a dead letter with the reason for a request HTTP would refuse.
 * Exactly once by default: each poll's results, dead letters and offsets commit in one Kafka
 * transaction. Off unless {@code scopeml.scorer.kafka.enabled}; a scorer joins the group only once
 * it is ready.
 */
package dev.scopeml.scorer.kafka;

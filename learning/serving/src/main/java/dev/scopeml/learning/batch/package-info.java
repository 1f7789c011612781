/**
 * Scoring rows held by column in batches, as the scorer's HTTP API answers them one request at a
 * time: the trainer's batch scoring chunks and the Spark engine's scoring tasks score with it, so a
 * job's output does not depend on the engine that ran it.
 */
package dev.scopeml.learning.batch;

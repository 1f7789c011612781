/**
 * Reference checks: a few holdout rows stored with the probabilities the trainer computed, replayed
 * by a loader before it serves a version, so a model that decodes but answers differently (a codec,
 * library or encoding drift) is caught before any request sees it.
 */
package dev.scopeml.learning.reference;

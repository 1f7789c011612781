/**
 * Benchmark support, off by default: a constant-response endpoint that measures what the HTTP stack
 * alone costs, so a prediction's cost can be told apart from the server's.
 */
package dev.scopeml.scorer.bench;

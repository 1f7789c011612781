/**
 * {@code scopeml stream}: a CSV file's rows through the scorers' Kafka trigger, with the answers
 * counted as a {@code read_committed} reader sees them; also the demo's stream step.
 */
package dev.scopeml.cli.stream;

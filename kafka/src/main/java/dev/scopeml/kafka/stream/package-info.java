/**
 * The stream seen from a client: the requests, results and dead-letter topics ({@link
 * dev.scopeml.kafka.stream.StreamTopics}), and a run that publishes prediction requests and reads
 * every answer as a {@code read_committed} reader, counting missing and duplicated answers and the
 * latency from produce to committed answer ({@link dev.scopeml.kafka.stream.StreamRun}). The {@code
 * stream} command, the demo, the tests and the benchmark all measure the stream with it.
 */
package dev.scopeml.kafka.stream;

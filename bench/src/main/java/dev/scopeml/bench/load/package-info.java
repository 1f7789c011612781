/**
 * Load on 127.0.0.1: a minimal HTTP/1.1 keep-alive client, an open-loop fixed-rate load generator
 * built on it (latency counted from each request's scheduled start, so a stall delays every request
 * behind it as it would in production), and a runner for {@code wrk} that reads its report.
 */
package dev.scopeml.bench.load;

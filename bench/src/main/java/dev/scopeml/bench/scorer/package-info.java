/**
 * Rough figures of one scorer process without nginx in front: cold and warm model loads, and
 * loopback latency from one client connection. Run by {@code bench/scorer.sh}.
 */
package dev.scopeml.bench.scorer;

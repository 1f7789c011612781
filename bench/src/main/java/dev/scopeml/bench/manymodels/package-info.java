/**
 * Figure 7: ten thousand small scoped models in one scorer: memory with all of them loaded, the
 * latency of a request that has to load its scope, and throughput when the requests' working set is
 * larger than the cache.
 */
package dev.scopeml.bench.manymodels;

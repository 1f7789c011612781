/**
 * The model cache: active versions loaded and verified off the request path, swapped in atomically,
 * bounded by estimated size with least-recently-used eviction, and kept in step with the registry
 * by the change feed, a reconcile after every reconnect and a periodic poll. {@link
 * dev.scopeml.scorer.modelcache.ModelResolver} is what requests use.
 */
package dev.scopeml.scorer.modelcache;

/**
 * The scorer application, the data plane of ScopeML: it answers prediction requests with the active
 * model version of each request's scope, swaps versions in without a restart and never writes to
 * the database. Packages follow features: {@code prediction} (native API), {@code inference} (Open
 * Inference Protocol v2), {@code scoring} (encoding and prediction shared by both), {@code
 * modelcache} (loading, verifying and swapping models), {@code health}, {@code web} (request
 * bodies, limits and errors), {@code database} and {@code config}.
 */
package dev.scopeml.scorer;

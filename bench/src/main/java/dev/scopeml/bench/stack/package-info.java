/**
 * The processes a figure measures, all on 127.0.0.1: scorer jars, the Python peer under gunicorn,
 * the benchmark's nginx with an upstream for each, and what the figures read from them (readiness,
 * resident memory, heap after a full collection).
 */
package dev.scopeml.bench.stack;

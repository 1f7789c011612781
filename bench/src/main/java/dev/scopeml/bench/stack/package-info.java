/**
 * What a figure runs besides the scorers and trainers (which test-support's launcher starts), all
 * on 127.0.0.1: the Python peer under gunicorn and the benchmark's nginx with an upstream for each;
 * and what the figures read from processes (CPU time, resident memory, heap after a full
 * collection; Prometheus text is test-support's, shared with the tests).
 */
package dev.scopeml.bench.stack;

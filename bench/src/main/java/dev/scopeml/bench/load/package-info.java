/**
 * wrk for the peak figures: runs it with a POST script, optionally paced by its {@code delay()}
 * hook, and reads its report. Every other load of the figures comes from test-support's load
 * generator ({@link dev.scopeml.load.HttpLoad}).
 */
package dev.scopeml.bench.load;

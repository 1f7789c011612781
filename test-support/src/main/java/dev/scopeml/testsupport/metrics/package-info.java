/** What the tests and benchmarks read from a service's Prometheus metrics. */
package dev.scopeml.testsupport.metrics;

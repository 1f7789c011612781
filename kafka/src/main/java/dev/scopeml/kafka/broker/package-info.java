/**
 * A single-node Apache Kafka broker in KRaft mode as a process of its own, for the local stack, the
 * tests and the benchmarks: its configuration, the first start's formatting, readiness, and the
 * stop. Started with the same launcher as ScopeML's other processes ({@link
 * dev.scopeml.processes}).
 */
package dev.scopeml.kafka.broker;

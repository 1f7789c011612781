/**
 * Figure 9: scored rows per second through Kafka against a pass-through group on the same broker,
 * for both delivery guarantees, one and two scorers, one-row and 100-row requests; and the latency
 * from produce to committed result at half the peak rate.
 */
package dev.scopeml.bench.stream;

/**
 * A Spark standalone cluster on 127.0.0.1 (a Master and its Workers) run from a Spark home, as the
 * local stack, the Spark engine's tests and its benchmark start it.
 */
package dev.scopeml.processes.spark;

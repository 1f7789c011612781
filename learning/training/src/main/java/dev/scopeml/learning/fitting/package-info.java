/**
 * Fitting one scope's model in stages — split, schema, encode, fit, evaluate — from a run's data
 * held by column. The trainer runs these stages between its own (load before, store after), the
 * Spark engine runs them inside its executors, and test fixtures and benchmarks run them too, so a
 * stored version is built one way everywhere.
 */
package dev.scopeml.learning.fitting;

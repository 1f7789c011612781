/**
 * What the tests of every module and the benchmarks share, one concern per package: a real
 * PostgreSQL ({@code postgres}), the models they store and serve ({@code models}), the launcher of
 * the trainer and scorer jars ({@code services}) and the load generator ({@code load}). It depends
 * on the model store and the training side of learning, so the model store's own database tests
 * live here, beside the base they need.
 */
package dev.scopeml.testsupport;

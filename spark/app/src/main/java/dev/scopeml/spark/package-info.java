/**
 * The Spark engine's application: {@code train <run>} fits a training run's scopes in the
 * executors, one model per group of rows, and {@code score <job>} runs a scoring job; both read the
 * run or job from the ScopeML database and record their progress and end there, as the trainer's
 * workers do.
 */
package dev.scopeml.spark;

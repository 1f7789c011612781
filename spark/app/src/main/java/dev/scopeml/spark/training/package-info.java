/**
 * A training run on Spark: the driver reads the run from the queue and its source as a DataFrame,
 * groups the rows by scope and has the executors fit each group with the same stages, classes and
 * spec as the trainer's workers, storing and promoting each version through model-store and marking
 * each scope's task as it ends; the driver records what the executors could not.
 */
package dev.scopeml.spark.training;

/**
 * Scoring jobs on Spark: the job's input as a DataFrame, scored in the executors against the pinned
 * versions broadcast to them, written as Parquet partitioned by scope.
 */
package dev.scopeml.spark.scoring;

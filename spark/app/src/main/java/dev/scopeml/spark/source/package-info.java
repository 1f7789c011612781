/**
 * A run's or a job's rows as a Spark DataFrame: every column read as text, as the trainer reads a
 * CSV file, so the executors convert and encode values with the same code.
 */
package dev.scopeml.spark.source;

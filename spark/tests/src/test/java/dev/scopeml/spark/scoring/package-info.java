/** Scoring jobs on the Spark engine, against the trainer engine's. */
package dev.scopeml.spark.scoring;

/** Training runs on the Spark engine against the same runs on the trainer's workers. */
package dev.scopeml.spark.training;

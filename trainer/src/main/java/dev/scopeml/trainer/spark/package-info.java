/**
 * The Spark engine as the trainer sees it: runs queued with {@code "engine": "spark"} are submitted
 * to {@code scopeml.spark.master} with Spark's launcher (Spark itself never joins the trainer's
 * class path); the application records each scope's task and the run's end in the queue itself, and
 * the trainer fails what an application that died could not end.
 */
package dev.scopeml.trainer.spark;

/**
 * The ScopeML database as the driver and the executors reach it: the settings the driver reads from
 * its environment travel inside the task closures, and each executor JVM opens one small pool.
 */
package dev.scopeml.spark.store;

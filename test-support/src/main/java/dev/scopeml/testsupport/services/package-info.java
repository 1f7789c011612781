/**
 * The trainer and scorer jars as processes on 127.0.0.1 for tests and benchmarks, started, probed
 * and stopped with the same code the local stack and the nginx tier's local driver use ({@link
 * dev.scopeml.processes}); only the conventions of a test run live here: free ports, a log file per
 * process, credentials in the environment, a process killed with the JVM that started it.
 */
package dev.scopeml.testsupport.services;

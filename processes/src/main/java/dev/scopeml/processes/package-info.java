/**
 * How ScopeML starts and watches its own processes on this machine. The local stack, the nginx
 * tier's local driver and the launcher of the tests and benchmarks all start jars the same way
 * ({@link dev.scopeml.processes.JavaCommand}, {@link dev.scopeml.processes.Launch}), wait for them
 * the same way ({@link dev.scopeml.processes.HttpProbe}) and stop them the same way ({@link
 * dev.scopeml.processes.ProcessRef}), so a fix to any of these reaches every caller.
 */
package dev.scopeml.processes;

/**
 * The reliability suite: faults, hostile input and access checks against the real trainer and
 * scorer jars running as processes on 127.0.0.1, real nginx and a real PostgreSQL. {@link
 * dev.scopeml.reliability.ReliabilityTest} is the one base of its tests; every case prints one
 * summary line through {@link dev.scopeml.reliability.CaseReport}, which {@code summary.sh}
 * collects into {@code RELIABILITY.md}'s table.
 */
package dev.scopeml.reliability;

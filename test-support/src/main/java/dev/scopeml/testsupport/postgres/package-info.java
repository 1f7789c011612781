/**
 * A real PostgreSQL for tests and benchmarks: {@code SCOPEML_TEST_JDBC_URL} when set, else
 * Testcontainers where Docker runs, else an embedded server; a fresh migrated database per test
 * class. Tests never skip for want of a database: they fail.
 */
package dev.scopeml.testsupport.postgres;

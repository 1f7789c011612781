/** Connecting to PostgreSQL: pooled data sources, schema migration and plain-JDBC plumbing. */
package dev.scopeml.modelstore.database;

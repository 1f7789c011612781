/** The scorer's read-only connection to the model registry. */
package dev.scopeml.scorer.database;

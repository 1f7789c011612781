/**
 * The detached supervisor process that owns the local stack, and what it starts and stops in
 * reverse order: the embedded PostgreSQL (or an external database), the trainer, and the scorer
 * tier. Its log is what {@code up} and {@code down} follow.
 */
package dev.scopeml.cli.stack.supervisor;

/**
 * The local stack behind {@code scopeml up} and {@code down}: an embedded PostgreSQL (or the
 * database named by {@code SCOPEML_DB_URL}), one trainer, scorers behind nginx, all on 127.0.0.1,
 * owned by a detached supervisor process ({@link dev.scopeml.cli.stack.supervisor}) so they outlive
 * the command that started them. This package is the commands' side: starting, following and
 * stopping the supervisor, cleaning up after a killed one, and the stack's scorer tier. State,
 * secrets and logs live under one directory, {@link dev.scopeml.cli.stack.StackPaths#home}.
 */
package dev.scopeml.cli.stack;

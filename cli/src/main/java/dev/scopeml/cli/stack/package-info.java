/**
 * The local stack behind {@code scopeml up}, {@code down} and {@code demo}: an embedded PostgreSQL
 * (or the database named by {@code SCOPEML_DB_URL}), one trainer, scorers behind nginx, all on
 * 127.0.0.1, owned by a detached supervisor process so they outlive the command that started them.
 * State, secrets and logs live under one directory, {@link dev.scopeml.cli.stack.StackPaths#home}.
 */
package dev.scopeml.cli.stack;

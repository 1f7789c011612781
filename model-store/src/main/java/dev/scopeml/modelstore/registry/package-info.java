/**
 * The model registry: model families, immutable versions with their artifacts, the active pointer
 * per scope, and the promotion log. {@link dev.scopeml.modelstore.registry.ModelStore} is the
 * contract; {@link dev.scopeml.modelstore.registry.JdbcModelStore} keeps it in PostgreSQL.
 */
package dev.scopeml.modelstore.registry;

/**
 * Scope keys: the canonical name of a slice of the data that owns its own models, the text a scope
 * value is matched by, and the routing of a requested scope to the version that answers it.
 */
package dev.scopeml.modelstore.scope;

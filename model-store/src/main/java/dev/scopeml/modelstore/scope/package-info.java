/** Scope keys: the canonical name of a slice of the data that owns its own models. */
package dev.scopeml.modelstore.scope;

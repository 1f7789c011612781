/** The registry admin API: list models, scopes and versions; promote and roll back. */
package dev.scopeml.trainer.registry;

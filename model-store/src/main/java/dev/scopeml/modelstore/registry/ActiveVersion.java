package dev.scopeml.modelstore.registry;

import dev.scopeml.modelstore.scope.ScopeKey;

/**
 * Which version serves a scope: what a scorer reconciles its cache against.
 *
 * @param model the family
 * @param scope the scope
 * @param version the active version number
 */
public record ActiveVersion(String model, ScopeKey scope, int version) {}

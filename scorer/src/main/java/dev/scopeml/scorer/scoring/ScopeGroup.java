package dev.scopeml.scorer.scoring;

import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.modelcache.Resolution;

/**
 * The rows of a request that ask for one scope, with the version that answers them.
 *
 * @param requested the scope the rows asked for
 * @param resolution the answering version, taken once for the whole request
 * @param rows indices of the rows in the request, ascending
 */
public record ScopeGroup(ScopeKey requested, Resolution resolution, int[] rows) {}

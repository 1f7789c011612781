package dev.scopeml.scorer.modelcache;

/**
 * The version that answers for a requested scope.
 *
 * @param model the loaded version; hold this one reference for the whole request
 * @param fallback whether the requested scope has no active version and the model's global scope
 *     answers instead
 */
public record Resolution(LoadedModel model, boolean fallback) {}

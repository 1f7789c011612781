package dev.scopeml.scorer.inference;

import java.util.List;

/**
 * The Open Inference Protocol server metadata, {@code GET /v2}.
 *
 * @param name {@code scopeml-scorer}
 * @param version the scorer version label
 * @param extensions protocol extensions supported (none)
 */
record ServerMetadata(String name, String version, List<String> extensions) {}

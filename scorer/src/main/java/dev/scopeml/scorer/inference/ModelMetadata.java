package dev.scopeml.scorer.inference;

import java.util.List;
import java.util.Map;

/**
 * The Open Inference Protocol model metadata.
 *
 * @param name the model
 * @param versions the active versions across its scopes
 * @param platform {@code scopeml}
 * @param inputs one per feature, then one per scope column (optional inputs)
 * @param outputs label, probabilities, scope and version
 * @param parameters scope columns, classes and the encoded feature order of the [N, F] form
 */
record ModelMetadata(
    String name,
    List<String> versions,
    String platform,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs,
    Map<String, Object> parameters) {}

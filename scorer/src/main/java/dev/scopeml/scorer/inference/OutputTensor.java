package dev.scopeml.scorer.inference;

/**
 * One output tensor of an inference response.
 *
 * @param name the output name
 * @param datatype its element type
 * @param shape its dimensions
 * @param data the elements, row-major and flat (a primitive or string array)
 */
record OutputTensor(String name, String datatype, int[] shape, Object data) {}

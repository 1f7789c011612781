package dev.scopeml.scorer.inference;

/**
 * Declares one input or output of a model in its metadata.
 *
 * @param name the tensor name
 * @param datatype its element type
 * @param shape its dimensions; -1 for the number of rows
 */
record TensorMetadata(String name, String datatype, int[] shape) {}

/**
 * Turning encoded rows into class probabilities: the {@link
 * dev.scopeml.learning.prediction.Predictor} interface and the registry of artifact formats a
 * stored version is read through.
 */
package dev.scopeml.learning.prediction;

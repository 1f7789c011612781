/**
 * Turning encoded rows into class probabilities, and building the predictor for a decoded artifact.
 */
package dev.scopeml.learning.prediction;

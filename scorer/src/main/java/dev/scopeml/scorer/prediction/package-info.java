/**
 * The native prediction API, {@code POST /v1/models/{model}/predict}: instances as objects of
 * column to value, the scope given once for the request or read from each instance's scope columns.
 */
package dev.scopeml.scorer.prediction;

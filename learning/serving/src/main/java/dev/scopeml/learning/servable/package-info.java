/**
 * Opening a stored version for serving, as every ScopeML process that predicts does it: the
 * envelope's SHA-256 against the recorded one, the format against the version row, the predictor
 * read through the format registry, and the stored reference predictions replayed; anything that
 * fails is refused, never served.
 */
package dev.scopeml.learning.servable;

/**
 * Hostile input: a generated corpus of malformed prediction requests against a real scorer,
 * training requests built to traverse paths and inject SQL against a real trainer, and serialized
 * model streams that smuggle classes outside the allow-list.
 */
package dev.scopeml.reliability.hostile;

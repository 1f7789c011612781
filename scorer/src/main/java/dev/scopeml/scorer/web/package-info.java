/**
 * The HTTP edge shared by the APIs: bounded body reading, JSON parsing under explicit stream
 * limits, the JSON error answers and the scorer-version header.
 */
package dev.scopeml.scorer.web;

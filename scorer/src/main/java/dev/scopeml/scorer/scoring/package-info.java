/**
 * What both prediction APIs share: reading scopes from requests, grouping rows by the version that
 * answers them, encoding into a reused buffer, batch prediction, and the per-scope metrics.
 */
package dev.scopeml.scorer.scoring;

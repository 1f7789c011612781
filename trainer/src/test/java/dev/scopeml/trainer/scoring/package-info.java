/**
 * Tests of batch scoring jobs: every row once through each input and output, pinned versions,
 * cancellation, a million rows against the HTTP path, refused requests.
 */
package dev.scopeml.trainer.scoring;

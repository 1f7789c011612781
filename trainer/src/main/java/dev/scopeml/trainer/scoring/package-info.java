/**
 * The scoring job API: submit a batch scoring job (planned, its versions pinned and its output
 * created before anything is queued), list and show jobs with their progress, cancel one. The
 * chunks themselves run in {@link dev.scopeml.trainer.scoring.chunks}.
 */
package dev.scopeml.trainer.scoring;

/** Holdout splits and the metrics a trained version is judged and promoted by. */
package dev.scopeml.learning.evaluation;

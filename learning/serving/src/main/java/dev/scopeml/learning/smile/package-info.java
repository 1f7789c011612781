/**
 * Serving Smile models (gradient boosting, random forest, logistic regression): their filtered
 * Java-serialization format and the predictor over them. Smile is GPLv3, so only this package (here
 * and its training half in learning-training) touches it; the rest of ScopeML reaches it through
 * {@link dev.scopeml.learning.prediction.ModelFormat} and the training side's algorithm interface.
 */
package dev.scopeml.learning.smile;

/**
 * Training Smile classifiers (gradient boosting, random forest, logistic regression). Smile is
 * GPLv3, so it lives in this package only (this half, and the serving half in learning-serving);
 * the rest of ScopeML reaches it through {@link dev.scopeml.learning.algorithm.Algorithm} and
 * {@link dev.scopeml.learning.prediction.ModelFormat}.
 *
 * <p>Smile models cannot take NaN, so they train on rows encoded with {@link
 * dev.scopeml.modelstore.schema.MissingValues#IMPUTE}.
 */
package dev.scopeml.learning.smile;

/**
 * Smile classifiers (gradient boosting, random forest, logistic regression). Smile is GPLv3, so it
 * lives in this package only and the rest of ScopeML reaches it through {@link
 * dev.scopeml.learning.algorithm.Algorithm}, {@link dev.scopeml.learning.prediction.Predictor} and
 * the artifact codec.
 *
 * <p>Smile models cannot take NaN, so they train on rows encoded with {@link
 * dev.scopeml.modelstore.schema.MissingValues#IMPUTE}. Their artifacts are Java-serialized and only
 * decode through an explicit allow-list of Smile's model classes.
 */
package dev.scopeml.learning.smile;

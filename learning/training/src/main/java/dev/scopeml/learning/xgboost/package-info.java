/**
 * Training XGBoost models through Tribuo, and Tribuo's own (slow, reference) prediction path. The
 * serving half of this package, in learning-serving, reads what this half stores.
 *
 * <p>Missing values: Tribuo hands xgboost a sparse matrix, so a feature absent from an example is
 * missing for xgboost while an explicit {@code 0.0} is a value. Encoded rows mark missing slots
 * with NaN, so every non-NaN slot, zeros included, becomes a feature of the example and NaN slots
 * are left out.
 */
package dev.scopeml.learning.xgboost;

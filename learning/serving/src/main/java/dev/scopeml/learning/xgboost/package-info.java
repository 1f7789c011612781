/**
 * Serving XGBoost models stored in Tribuo's protobuf format: the booster's saved bytes and Tribuo's
 * feature and label domains are read straight into the flat tree-ensemble predictor. Neither
 * Tribuo's trainer nor xgboost4j's native library is needed to serve; both live on the training
 * side of this package.
 */
package dev.scopeml.learning.xgboost;

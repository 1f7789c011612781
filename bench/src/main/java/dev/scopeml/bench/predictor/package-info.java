/**
 * Figure 1, JMH benchmarks of the prediction paths on one model: the flat tree-ensemble predictor
 * against xgboost4j's own prediction, Tribuo's, and Smile gradient boosting of the same size.
 */
package dev.scopeml.bench.predictor;

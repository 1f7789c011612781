/**
 * A tree-ensemble evaluator that answers exactly as xgboost does, without a native call or a {@code
 * DMatrix} per prediction: the ensemble is read once from the booster's JSON model and laid out as
 * flat primitive arrays, one slot per node, so evaluation walks a few cache lines per tree.
 *
 * <p>Semantics follow xgboost's CPU predictor: a row value is compared as a {@code float}, {@code
 * value < threshold} goes to the left ("yes") child, NaN takes the node's default direction, leaf
 * values are summed in {@code float} in tree order starting from the base margin, then the
 * objective's link turns margins into probabilities.
 */
package dev.scopeml.learning.trees;

package dev.scopeml.learning.smile;

import dev.scopeml.modelstore.artifact.ArtifactException;
import java.util.ArrayDeque;
import smile.classification.Classifier;
import smile.classification.DecisionTree;
import smile.classification.GradientTreeBoost;
import smile.classification.LogisticRegression;
import smile.classification.RandomForest;
import smile.model.cart.CART;
import smile.model.cart.DecisionNode;
import smile.model.cart.InternalNode;
import smile.model.cart.Node;
import smile.model.cart.RegressionNode;
import smile.regression.RegressionTree;

/**
 * Checks that a decoded Smile model is whole before it serves: Java deserialization restores
 * whatever fields a stream holds, so a stored model whose bytes were altered (with a checksum to
 * match) can decode into trees that split on feature 4,123 of 40, or leaves with the wrong number
 * of classes, which would only fail on the request that reaches them. Every node of every tree and
 * every weight row is checked against the version's encoded width and class count.
 */
final class SmileModelCheck {

  private SmileModelCheck() {}

  /**
   * @param width the encoded row width of the version's schema
   * @param classes how many classes the model predicts
   * @throws ArtifactException naming the first inconsistency
   */
  static void check(Classifier<?> model, int width, int classes) {
    switch (model) {
      case GradientTreeBoost boosting -> {
        for (RegressionTree[] round : boosting.trees()) {
          for (RegressionTree tree : round) {
            checkTree(tree, width, classes);
          }
        }
      }
      case RandomForest forest -> {
        for (DecisionTree tree : forest.trees()) {
          checkTree(tree, width, classes);
        }
      }
      case LogisticRegression.Binomial logit -> checkWeights(logit.coefficients(), width);
      case LogisticRegression.Multinomial logit -> {
        for (double[] row : logit.coefficients()) {
          checkWeights(row, width);
        }
      }
      default -> throw new ArtifactException("unsupported Smile model " + model.getClass());
    }
  }

  private static void checkTree(CART tree, int width, int classes) {
    if (tree == null || tree.root() == null) {
      throw new ArtifactException("Smile model holds a tree without nodes");
    }
    var pending = new ArrayDeque<Node>();
    pending.push(tree.root());
    while (!pending.isEmpty()) {
      switch (pending.pop()) {
        case InternalNode split -> {
          if (split.feature() < 0 || split.feature() >= width) {
            throw new ArtifactException(
                "Smile tree splits on feature " + split.feature() + " of " + width);
          }
          if (split.trueChild() == null || split.falseChild() == null) {
            throw new ArtifactException("Smile tree has a split without two children");
          }
          pending.push(split.trueChild());
          pending.push(split.falseChild());
        }
        case DecisionNode leaf -> {
          if (leaf.count() == null || leaf.count().length != classes) {
            throw new ArtifactException(
                "Smile tree leaf counts "
                    + (leaf.count() == null ? "no" : leaf.count().length)
                    + " classes, the model "
                    + classes);
          }
          if (leaf.output() < 0 || leaf.output() >= classes) {
            throw new ArtifactException("Smile tree leaf predicts class " + leaf.output());
          }
        }
        case RegressionNode leaf -> {
          if (!Double.isFinite(leaf.output())) {
            throw new ArtifactException("Smile tree leaf outputs " + leaf.output());
          }
        }
        case null -> throw new ArtifactException("Smile tree has a missing node");
        default -> throw new ArtifactException("Smile tree node of an unexpected kind");
      }
    }
  }

  private static void checkWeights(double[] weights, int width) {
    // One weight per encoded slot plus the intercept.
    if (weights == null || weights.length != width + 1) {
      throw new ArtifactException(
          "Smile logistic regression has "
              + (weights == null ? "no" : weights.length)
              + " weights for a width of "
              + width);
    }
  }
}

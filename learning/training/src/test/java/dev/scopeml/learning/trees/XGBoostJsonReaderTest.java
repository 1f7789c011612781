package dev.scopeml.learning.trees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class XGBoostJsonReaderTest {

  // node 0: feature 0 < 0.5, NaN left -> leaf 0.25 | node 2: feature 1 < 2, NaN right
  private static final String SPLIT_TREE =
      """
      {"base_weights":[0,0,0,0,0],"default_left":[1,0,0,0,0],"id":0,
       "left_children":[1,-1,3,-1,-1],"right_children":[2,-1,4,-1,-1],
       "split_conditions":[5E-1,2.5E-1,2E0,-5E-1,1E0],"split_indices":[0,0,1,0,0],
       "split_type":[0,0,0,0,0],"tree_param":{"num_nodes":"5","size_leaf_vector":"1"}}
      """;

  private static String model(
      String objective,
      String baseScore,
      String numClass,
      String trees,
      String treeInfo,
      String booster) {
    return """
        {"learner":{"gradient_booster":{"model":{"trees":[%s],"tree_info":[%s]},"name":"%s"},
         "learner_model_param":{"base_score":"%s","num_class":"%s","num_feature":"2"},
         "objective":{"name":"%s"}},"version":[3,0,4]}
        """
        .formatted(trees, treeInfo, booster, baseScore, numClass, objective);
  }

  private static String leaf(double value) {
    return """
        {"default_left":[0],"left_children":[-1],"right_children":[-1],"split_conditions":[%s],
         "split_indices":[0],"split_type":[0],"tree_param":{"size_leaf_vector":"1"}}
        """
        .formatted(value);
  }

  private static TreeEnsemble read(String json, int[] slots) {
    return XGBoostJsonReader.read(json.getBytes(StandardCharsets.UTF_8), slots, 2);
  }

  private static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  @Test
  void followsXGBoostSplitSemantics() {
    // xgboost feature 0 is slot 1 of our rows, feature 1 is slot 0.
    TreeEnsemble ensemble =
        read(model("binary:logistic", "5E-1", "0", SPLIT_TREE, "0", "gbtree"), new int[] {1, 0});
    var predictor = new TreeEnsemblePredictor(ensemble, new int[] {0, 1}, 2);
    double[] out = new double[2];

    predictor.predict(new double[] {9, 0.2}, out);
    assertThat(out[1]).isCloseTo(sigmoid(0.25), within(1e-7));
    predictor.predict(new double[] {9, Double.NaN}, out);
    assertThat(out[1])
        .as("NaN takes the default-left branch")
        .isCloseTo(sigmoid(0.25), within(1e-7));
    predictor.predict(new double[] {3, 0.4999999999}, out);
    assertThat(out[1])
        .as("compared as float: rounds to the threshold, which is not less than it")
        .isCloseTo(sigmoid(1.0), within(1e-7));
    predictor.predict(new double[] {Double.NaN, 0.7}, out);
    assertThat(out[1])
        .as("NaN takes the default-right branch")
        .isCloseTo(sigmoid(1.0), within(1e-7));
    predictor.predict(new double[] {1, 0.7}, out);
    assertThat(out[1]).isCloseTo(sigmoid(-0.5), within(1e-7));
    assertThat(out[0]).isCloseTo(1 - sigmoid(-0.5), within(1e-12));
    assertThat(ensemble.xgboostVersion()).isEqualTo("3.0.4");
    assertThat(ensemble.nodeCount()).isEqualTo(5);
  }

  @Test
  void infiniteAndSignedZeroValuesCompareAsFloats() {
    var predictor =
        new TreeEnsemblePredictor(
            read(
                model("binary:logistic", "5E-1", "0", SPLIT_TREE, "0", "gbtree"), new int[] {1, 0}),
            new int[] {0, 1},
            2);
    double[] out = new double[2];
    predictor.predict(new double[] {Double.POSITIVE_INFINITY, 0.2}, out);
    assertThat(out[1])
        .as("a leaf stays a leaf whatever the row holds")
        .isCloseTo(sigmoid(0.25), within(1e-7));
    predictor.predict(new double[] {Double.NEGATIVE_INFINITY, 3}, out);
    assertThat(out[1]).isCloseTo(sigmoid(-0.5), within(1e-7));
    predictor.predict(new double[] {1e300, 3}, out);
    assertThat(out[1]).as("rounds to +inf as a float").isCloseTo(sigmoid(1.0), within(1e-7));
    predictor.predict(new double[] {9, Double.NEGATIVE_INFINITY}, out);
    assertThat(out[1]).isCloseTo(sigmoid(0.25), within(1e-7));
    predictor.predict(new double[] {9, Double.POSITIVE_INFINITY}, out);
    assertThat(out[1]).isCloseTo(sigmoid(1.0), within(1e-7));

    // The root now splits at 0 and sends missing values left, so it compares negated values.
    var atZero =
        new TreeEnsemblePredictor(
            read(
                model(
                    "binary:logistic",
                    "5E-1",
                    "0",
                    SPLIT_TREE.replace("[5E-1,", "[0E0,"),
                    "0",
                    "gbtree"),
                new int[] {1, 0}),
            new int[] {0, 1},
            2);
    for (double zero : new double[] {0.0, -0.0, -1e-50}) {
      atZero.predict(new double[] {3, zero}, out);
      assertThat(out[1])
          .as("%s is not below 0 as a float", zero)
          .isCloseTo(sigmoid(1.0), within(1e-7));
    }
    atZero.predict(new double[] {3, -Float.MIN_VALUE}, out);
    assertThat(out[1]).isCloseTo(sigmoid(0.25), within(1e-7));
  }

  @Test
  void logisticBaseScoreStartsFromItsLogOdds() {
    TreeEnsemble ensemble =
        read(model("binary:logistic", "2E-1", "0", leaf(0.0), "0", "gbtree"), new int[] {0, 1});
    double[] out = new double[2];
    new TreeEnsemblePredictor(ensemble, new int[] {0, 1}, 2).predict(new double[] {0, 0}, out);
    assertThat(out[1]).isCloseTo(0.2, within(1e-7));
  }

  @Test
  void softprobSumsTreesPerClassAndMapsClassesToSlots() {
    String trees =
        String.join(",", leaf(0.1), leaf(0.2), leaf(0.3), leaf(0.4), leaf(-0.2), leaf(0));
    TreeEnsemble ensemble =
        read(
            model("multi:softprob", "5E-1", "3", trees, "0,1,2,0,1,2", "gbtree"), new int[] {0, 1});
    assertThat(ensemble.groups()).isEqualTo(3);
    // Model class 0 is output 2, class 1 output 0, class 2 output 1; output 3 is never predicted.
    var predictor = new TreeEnsemblePredictor(ensemble, new int[] {2, 0, 1}, 4);
    double[] out = new double[4];
    predictor.predict(new double[] {0, 0}, out);

    double[] margins = {0.5 + 0.1 + 0.4, 0.5 + 0.2 - 0.2, 0.5 + 0.3};
    double sum = Math.exp(margins[0]) + Math.exp(margins[1]) + Math.exp(margins[2]);
    assertThat(out[2]).isCloseTo(Math.exp(margins[0]) / sum, within(1e-7));
    assertThat(out[0]).isCloseTo(Math.exp(margins[1]) / sum, within(1e-7));
    assertThat(out[1]).isCloseTo(Math.exp(margins[2]) / sum, within(1e-7));
    assertThat(out[3]).isZero();
  }

  @Test
  void refusesWhatItCannotEvaluateExactly() {
    assertThatThrownBy(
            () -> read(model("reg:squarederror", "5E-1", "0", leaf(1), "0", "gbtree"), new int[2]))
        .hasMessageContaining("reg:squarederror");
    assertThatThrownBy(
            () -> read(model("binary:logistic", "5E-1", "0", leaf(1), "0", "dart"), new int[2]))
        .hasMessageContaining("dart");
    assertThatThrownBy(
            () ->
                read(
                    model(
                        "binary:logistic",
                        "5E-1",
                        "0",
                        SPLIT_TREE.replace(
                            "\"split_type\":[0,0,0,0,0]", "\"split_type\":[1,0,0,0,0]"),
                        "0",
                        "gbtree"),
                    new int[] {1, 0}))
        .hasMessageContaining("categorical");
    assertThatThrownBy(
            () ->
                read(
                    model("binary:logistic", "5E-1", "0", SPLIT_TREE, "0", "gbtree"),
                    new int[] {1, -1}))
        .hasMessageContaining("unknown to the schema");
  }
}

package dev.scopeml.learning.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import dev.scopeml.learning.fitting.FitSpec;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StratifiedSplitTest {

  @Test
  void keepsClassRatiosOnTelcoPaymentMethods() {
    var table = TestData.telco();
    List<String> classes = FitSpec.classes(table, "payment_method");
    int[] labels = Arrays.stream(table.text("payment_method")).mapToInt(classes::indexOf).toArray();

    StratifiedSplit split = StratifiedSplit.of(labels, 0.25, 3);

    for (int c = 0; c < classes.size(); c++) {
      int cls = c;
      long total = Arrays.stream(labels).filter(l -> l == cls).count();
      long held = Arrays.stream(split.holdout()).filter(i -> labels[i] == cls).count();
      assertThat(held).as("class %s", classes.get(c)).isEqualTo(Math.round(total * 0.25));
    }
    int[] all =
        IntStream.concat(Arrays.stream(split.train()), Arrays.stream(split.holdout()))
            .sorted()
            .toArray();
    assertThat(all)
        .as("disjoint and complete")
        .isEqualTo(IntStream.range(0, labels.length).toArray());
    assertThat(split.train()).isSorted();
    assertThat(split.holdout()).isSorted();
  }

  @Test
  void sameSeedSameSplit() {
    int[] labels = IntStream.range(0, 500).map(i -> i % 7 == 0 ? 1 : 0).toArray();
    assertThat(StratifiedSplit.of(labels, 0.2, 9).holdout())
        .isEqualTo(StratifiedSplit.of(labels, 0.2, 9).holdout())
        .isNotEqualTo(StratifiedSplit.of(labels, 0.2, 10).holdout());
  }

  @Test
  void tinyClassesKeepAtLeastOneRowOnEachSide() {
    int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2};
    StratifiedSplit split = StratifiedSplit.of(labels, 0.1, 1);
    assertThat(Arrays.stream(split.holdout()).map(i -> labels[i])).contains(0, 1);
    assertThat(Arrays.stream(split.train()).map(i -> labels[i])).contains(0, 1, 2);
  }

  @Test
  void refusesFractionsOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> StratifiedSplit.of(new int[] {0, 1}, 1.0, 1))
        .hasMessageContaining("(0, 1)");
  }
}

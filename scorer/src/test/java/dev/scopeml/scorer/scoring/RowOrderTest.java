package dev.scopeml.scorer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.modelstore.scope.ScopeKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class RowOrderTest {

  @Test
  void eachRowIsFoundInItsGroupAtItsPlace() {
    // Rows 0, 2, 3 ask for one scope, rows 1 and 4 for another.
    var groups =
        List.of(
            new ScopeGroup(ScopeKey.of("contract", "One year"), null, new int[] {0, 2, 3}),
            new ScopeGroup(ScopeKey.of("contract", "Two year"), null, new int[] {1, 4}));

    RowOrder order = RowOrder.of(groups, 5);

    assertThat(new int[] {order.group(0), order.group(1), order.group(2), order.group(3)})
        .containsExactly(0, 1, 0, 0);
    assertThat(order.group(4)).isEqualTo(1);
    assertThat(order.indexInGroup(0)).isZero();
    assertThat(order.indexInGroup(2)).isEqualTo(1);
    assertThat(order.indexInGroup(3)).isEqualTo(2);
    assertThat(order.indexInGroup(1)).isZero();
    assertThat(order.indexInGroup(4)).isEqualTo(1);
  }
}

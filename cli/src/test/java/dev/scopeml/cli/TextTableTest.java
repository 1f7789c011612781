package dev.scopeml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTableTest {

  @Test
  void alignsTextLeftAndNumbersRight() {
    String table = new TextTable("scope", "rows").row("a", "5").row("longer", "1234").render();

    assertThat(table).isEqualTo("scope   rows\na          5\nlonger  1234\n");
  }

  @Test
  void parsesHyperparametersAsIntegersOrReals() {
    assertThat(TrainCommand.number("trees", "100")).isEqualTo(100L);
    assertThat(TrainCommand.number("eta", "0.3")).isEqualTo(0.3);
  }
}

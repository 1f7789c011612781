package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {

  @Test
  void takesDefaultsOnlyWhereTheVariableIsUnsetOrEmpty() {
    String text = "${IMAGE:-scopeml/scorer:0.1.0} ${PORT-8080} $$HOME ${NAME} $USER";
    assertThat(Interpolation.defaults(text)).isEqualTo("scopeml/scorer:0.1.0 8080 $HOME  ");
    assertThat(Interpolation.resolve(text, Map.of("IMAGE", "", "PORT", "", "USER", "ann")))
        .as(":- replaces empty values, - keeps them")
        .isEqualTo("scopeml/scorer:0.1.0  $HOME  ann");
    assertThat(Interpolation.resolve("${A:+set}|${B:+set}", Map.of("A", "x"))).isEqualTo("set|");
  }

  @Test
  void listsTheVariablesADefaultRefersToAsWell() {
    assertThat(Interpolation.variables("${A:-${B}}:$C $$D")).containsExactly("A", "B", "C");
  }

  @Test
  void refusesAMissingRequiredVariable() {
    assertThatThrownBy(() -> Interpolation.defaults("${TOKEN:?set the token}"))
        .hasMessageContaining("set the token");
  }
}

package dev.scopeml.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelaxedBindingTest {

  @Test
  void bindsBothFormsOfADashedName() {
    assertThat(RelaxedBinding.binds("SCOPEML_DB_PASSWORD_FILE", "scopeml.db.password-file", false))
        .isTrue();
    assertThat(RelaxedBinding.binds("SCOPEML_DB_PASSWORDFILE", "scopeml.db.password-file", false))
        .isTrue();
    assertThat(RelaxedBinding.binds("SCOPEML_DB_PASSWORD_FIL", "scopeml.db.password-file", false))
        .isFalse();
  }

  @Test
  void aMapTakesTheVariablesBelowItOnly() {
    String sources = "scopeml.sources";
    assertThat(RelaxedBinding.binds("SCOPEML_SOURCES_WAREHOUSE_URL", sources, true)).isTrue();
    assertThat(RelaxedBinding.binds("SCOPEML_SOURCES_WAREHOUSE_URL", sources, false)).isFalse();
    assertThat(RelaxedBinding.binds("SCOPEML_SOURCESX", sources, true)).isFalse();
  }
}

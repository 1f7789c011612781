package dev.scopeml.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DemoRolloutTest {

  @Test
  void theNextReleaseLabelCountsUp() {
    assertThat(DemoRollout.nextLabel("release-1")).isEqualTo("release-2");
    assertThat(DemoRollout.nextLabel("release-9")).isEqualTo("release-10");
    assertThat(DemoRollout.nextLabel("blue")).isEqualTo("blue-2");
  }
}

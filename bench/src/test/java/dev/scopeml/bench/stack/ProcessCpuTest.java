package dev.scopeml.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

  @Test
  void addsUserAndSystemTimeAfterACommandNameWithSpaces() {
    String stat =
        "4242 (java thing) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 75 0 0 20 0 30 0 100 0 0";
    assertThat(ProcessCpu.fromStat(stat)).isEqualTo(3.25);
  }

  @Test
  void thisProcessHasUsedSomeCpu() {
    assertThat(ProcessCpu.seconds(ProcessHandle.current().pid())).isPositive();
  }
}

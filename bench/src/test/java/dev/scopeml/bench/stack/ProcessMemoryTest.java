package dev.scopeml.bench.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

  @Test
  void readsTheHeapInUseFromGcHeapInfoOfJdk25() {
    String info =
        """
        19030:
        garbage-first heap   total reserved 6172672K, committed 110592K, used 30182K [0x0, 0x1)
         region size 4096K, 1 young (4096K), 0 survivors (0K)
        """;
    assertThat(ProcessMemory.heapUsed(info)).isEqualTo(30182L * 1024);
  }

  @Test
  void readsTheHeapInUseFromGcHeapInfo() {
    String info =
        """
        12345:
         garbage-first heap   total 262144K, used 51234K [0x0000000700000000, 0x0000000800000000)
          region size 1024K, 12 young (12288K), 0 survivors (0K)
         Metaspace       used 81234K, committed 82000K, reserved 1114112K
        """;
    assertThat(ProcessMemory.heapUsed(info)).isEqualTo(51234L * 1024);
    assertThat(ProcessMemory.heapUsed("no heap here")).isEqualTo(-1);
  }

  @Test
  void readsThisProcessResidentSet() {
    assertThat(ProcessMemory.residentBytes(ProcessHandle.current().pid())).isPositive();
  }
}

package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LoopbackPortsTest {

  @Test
  void aFreePortCanBeBound() {
    assertThat(LoopbackPorts.isFree(LoopbackPorts.free())).isTrue();
  }

  @Test
  void aTakenPreferredPortGivesWayToAFreeOne() throws IOException {
    try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();

      assertThat(LoopbackPorts.isFree(port)).isFalse();
      assertThat(LoopbackPorts.preferredOrFree(port)).isNotEqualTo(port);
    }
  }

  @Test
  void aFreePreferredPortIsTaken() {
    int port = LoopbackPorts.free();
    assertThat(LoopbackPorts.preferredOrFree(port)).isEqualTo(port);
  }
}

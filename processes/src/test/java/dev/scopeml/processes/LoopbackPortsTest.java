package dev.scopeml.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
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
  void aSlotPortLiesBelowTheEphemeralRange() throws IOException {
    String range;
    try (var reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
      range = reader.readLine().strip();
    }
    int low = Integer.parseInt(range.split("\\s+")[0]);
    assertThat(low).as("this machine leaves room below its ephemeral range").isGreaterThan(11_000);

    for (int i = 0; i < 20; i++) {
      assertThat(LoopbackPorts.outsideEphemeralRange(Set.of()))
          .as("never a port the kernel may pick for a connection")
          .isBetween(10_000, low - 1);
    }
  }

  @Test
  void aFreePreferredPortIsTaken() {
    int port = LoopbackPorts.free();
    assertThat(LoopbackPorts.preferredOrFree(port)).isEqualTo(port);
  }
}

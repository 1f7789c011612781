package dev.scopeml.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Ports on 127.0.0.1, where every process ScopeML starts on this machine listens. */
public final class LoopbackPorts {

  /** Below this, ports are the usual ones of well-known services: never handed out. */
  private static final int LOWEST_FIXED = 10_000;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private LoopbackPorts() {}

  /** A port nothing listens on right now. */
  public static int free() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** Whether a listener could bind {@code port} on 127.0.0.1 now. */
  public static boolean isFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A free port below the kernel's ephemeral range ({@code ip_local_port_range}), for a listener
   * that comes and goes at an address written elsewhere (an nginx upstream slot): the kernel never
   * picks such a port on its own as the local port of a connection, so it stays free while nothing
   * listens on it. Falls back to {@link #free()} where the range is unknown or leaves no room.
   *
   * @param avoid ports already given out, though perhaps not bound yet
   */
  public static int outsideEphemeralRange(Set<Integer> avoid) {
    int low = ephemeralLow();
    if (low - LOWEST_FIXED < 1000) {
      return free();
    }
    var random = ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 500; attempt++) {
      int port = random.nextInt(LOWEST_FIXED, low);
      if (!avoid.contains(port) && isFree(port)) {
        return port;
      }
    }
    return free();
  }

  /** The first port of the ephemeral range, or 0 if it cannot be read. */
  private static int ephemeralLow() {
    try {
      // Not Files.readString: it trusts the size the file reports, and some kernels' /proc report
      // one that cuts the text short ("3" for "32768 60999").
      String range;
      try (var in = Files.newInputStream(EPHEMERAL_RANGE)) {
        range = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
      }
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /**
   * {@code preferred} when it is free, so the usual URLs work; otherwise any free port, because a
   * busy 8080 should not stop a demo.
   */
  public static int preferredOrFree(int preferred) {
    return isFree(preferred) ? preferred : free();
  }
}

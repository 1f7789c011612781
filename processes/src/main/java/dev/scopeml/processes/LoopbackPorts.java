package dev.scopeml.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1, where every process ScopeML starts on this machine listens. */
public final class LoopbackPorts {

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
   * {@code preferred} when it is free, so the usual URLs work; otherwise any free port, because a
   * busy 8080 should not stop a demo.
   */
  public static int preferredOrFree(int preferred) {
    return isFree(preferred) ? preferred : free();
  }
}

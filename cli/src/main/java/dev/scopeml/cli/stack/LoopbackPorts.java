package dev.scopeml.cli.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for the stack's listeners. */
final class LoopbackPorts {

  private LoopbackPorts() {}

  /**
   * {@code preferred} when it is free, so the usual URLs work; otherwise any free port, because a
   * busy 8080 should not stop a demo.
   */
  static int preferredOrFree(int preferred) {
    return isFree(preferred) ? preferred : free();
  }

  static boolean isFree(int port) {
    try (var socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static int free() {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StackException("no free port on 127.0.0.1", e);
    }
  }
}

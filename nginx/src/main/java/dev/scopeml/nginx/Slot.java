package dev.scopeml.nginx;

/**
 * One place for a scorer in nginx's upstream, fixed in its configuration: the controller fills and
 * empties slots without touching nginx. An empty slot refuses connections, and nginx passes a
 * request whose connect was refused to the next slot: nothing reached a scorer, so that is safe for
 * any request.
 *
 * @param index the slot's number, from 1
 * @param host where nginx connects: 127.0.0.1 locally, the slot's container name with compose
 * @param port the port a scorer in this slot listens on for the public
 */
public record Slot(int index, String host, int port) {

  /** {@code host:port}, as written into the upstream. */
  public String address() {
    return host + ":" + port;
  }
}

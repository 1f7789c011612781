package dev.scopeml.nginx;

import java.time.Instant;

/**
 * One scorer behind the load balancer.
 *
 * @param id stable name of this backend
 * @param version the scorer version it runs
 * @param host where nginx reaches it
 * @param port its port
 * @param pid its process id (-1 where the driver does not run processes itself)
 * @param startedAt when it was started
 */
public record Backend(
    String id, String version, String host, int port, long pid, Instant startedAt) {

  /** {@code host:port}, as written into the upstream. */
  public String address() {
    return host + ":" + port;
  }
}

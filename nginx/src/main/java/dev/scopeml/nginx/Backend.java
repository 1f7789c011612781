package dev.scopeml.nginx;

import java.time.Instant;

/**
 * One scorer behind the load balancer.
 *
 * @param id stable name of this backend
 * @param version the scorer version it runs
 * @param host where nginx reaches it
 * @param port its public port, its slot's
 * @param slot the index of the slot it fills
 * @param operatorPort its operator port: probes, metrics, model metadata
 * @param pid its process id (-1 where the driver does not run processes itself)
 * @param startedAt when it was started
 */
public record Backend(
    String id,
    String version,
    String host,
    int port,
    int slot,
    int operatorPort,
    long pid,
    Instant startedAt) {

  /** {@code host:port}: where its slot sends the public's requests. */
  public String address() {
    return host + ":" + port;
  }

  /** {@code host:operatorPort}: where operators and Prometheus reach it. */
  public String operatorAddress() {
    return host + ":" + operatorPort;
  }
}

package dev.scopeml.bench.http;

import java.util.List;

/**
 * The five endpoints of the HTTP figures, all behind one nginx.
 *
 * @param constant the scorer's constant endpoint, one-row body
 * @param single the scorer's predict endpoint, one row
 * @param batch the scorer's predict endpoint, 100 rows
 * @param pythonSingle the Python peer, one row
 * @param pythonBatch the Python peer, 100 rows
 */
record HttpEndpoints(
    Endpoint constant,
    Endpoint single,
    Endpoint batch,
    Endpoint pythonSingle,
    Endpoint pythonBatch) {

  /** In the order each round loads them. */
  List<Endpoint> all() {
    return List.of(constant, single, batch, pythonSingle, pythonBatch);
  }
}

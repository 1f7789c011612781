package dev.scopeml.scorer.listener;

import org.apache.catalina.connector.Connector;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

/**
 * Spring Boot's Tomcat factory, with its main connector moved to the operator port and a second
 * connector for the public port built on demand, configured exactly like the main one (keep-alive
 * timeout, body limits, address, and every other {@code server.*} setting).
 */
final class TwoListenerTomcat extends TomcatServletWebServerFactory {

  private int publicPort = -1;

  /**
   * Moves the main connector to {@code operatorPort}, keeping the port it was given ({@code
   * server.port}) for the public connector.
   */
  void moveMainConnectorTo(int operatorPort) {
    if (publicPort < 0) {
      publicPort = getPort();
    }
    setPort(operatorPort);
  }

  /** The port of the public connector: {@code server.port}. */
  int publicPort() {
    return publicPort < 0 ? getPort() : publicPort;
  }

  /** A new, unstarted connector for the public port, customized like the main one. */
  Connector publicConnector() {
    var connector = new Connector(getProtocol());
    connector.setThrowOnFailure(true);
    customizeConnector(connector);
    connector.setPort(publicPort());
    return connector;
  }
}

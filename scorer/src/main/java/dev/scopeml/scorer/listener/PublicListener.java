package dev.scopeml.scorer.listener;

import org.apache.catalina.connector.Connector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The listener clients reach through the load balancer. With a separate operator listener it is
 * opened late, once the scorer is ready and warm; without one it is the only listener, open from
 * the start.
 */
public final class PublicListener {

  private static final Logger log = LoggerFactory.getLogger(PublicListener.class);

  private final TwoListenerTomcat factory; // null with one listener
  private final WebServerApplicationContext context;
  private volatile int port = -1;

  PublicListener(TwoListenerTomcat factory, WebServerApplicationContext context) {
    this.factory = factory;
    this.context = context;
  }

  /** Whether the public listener is separate from the operator listener. */
  public boolean isSeparate() {
    return factory != null;
  }

  /**
   * Binds the public port and starts taking connections on it; with one listener, does nothing.
   *
   * @throws IllegalStateException if the port cannot be bound (another process holds it)
   */
  public synchronized void open() {
    if (factory == null || port >= 0) {
      return;
    }
    Connector connector = factory.publicConnector();
    var tomcat = ((TomcatWebServer) context.getWebServer()).getTomcat();
    try {
      // A connector added to a started service starts, and so binds, at once.
      tomcat.getService().addConnector(connector);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "cannot listen on the public port " + factory.publicPort() + ": " + rootMessage(e), e);
    }
    port = connector.getLocalPort();
    log.info("public listener open on port {}: taking traffic", port);
  }

  /** Whether predictions can arrive on the public listener. */
  public boolean isOpen() {
    return factory == null || port >= 0;
  }

  /** Whether a request arrived on the public listener while it is separate. */
  boolean received(int localPort) {
    return factory != null && localPort == port;
  }

  /** The port the operator listener (or the only one) is bound to. */
  public int operatorPort() {
    return context.getWebServer().getPort();
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }
}

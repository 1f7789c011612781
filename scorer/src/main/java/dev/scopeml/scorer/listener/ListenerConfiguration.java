package dev.scopeml.scorer.listener;

import dev.scopeml.scorer.config.ListenerProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The public listener, and with an operator port, the Tomcat that serves both. */
@Configuration(proxyBeanMethods = false)
class ListenerConfiguration {

  @Bean
  PublicListener publicListener(
      ObjectProvider<TwoListenerTomcat> twoListeners, WebServerApplicationContext context) {
    return new PublicListener(twoListeners.getIfAvailable(), context);
  }

  /** With {@code scopeml.scorer.operator-port}: two listeners. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty("scopeml.scorer.operator-port")
  static class TwoListeners {

    /** Spring Boot's own Tomcat factory, wired as its auto-configuration wires it. */
    @Bean
    TwoListenerTomcat tomcatServletWebServerFactory(
        ObjectProvider<TomcatConnectorCustomizer> connectorCustomizers,
        ObjectProvider<TomcatContextCustomizer> contextCustomizers,
        ObjectProvider<TomcatProtocolHandlerCustomizer<?>> protocolHandlerCustomizers) {
      var factory = new TwoListenerTomcat();
      factory.getConnectorCustomizers().addAll(connectorCustomizers.orderedStream().toList());
      factory.getContextCustomizers().addAll(contextCustomizers.orderedStream().toList());
      factory
          .getProtocolHandlerCustomizers()
          .addAll(protocolHandlerCustomizers.orderedStream().toList());
      return factory;
    }

    @Bean
    OperatorPortFirst operatorPortFirst(ListenerProperties properties) {
      return new OperatorPortFirst(properties.operatorPort());
    }
  }

  /**
   * Runs after the customizer that applies {@code server.port}, and moves the main connector, the
   * one Tomcat starts with, to the operator port.
   */
  record OperatorPortFirst(int operatorPort)
      implements WebServerFactoryCustomizer<TwoListenerTomcat>, Ordered {

    @Override
    public void customize(TwoListenerTomcat factory) {
      factory.moveMainConnectorTo(operatorPort);
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }
}

package dev.scopeml.scorer.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Makes Tomcat answer the requests it refuses itself with {@link JsonErrorReportValve}. */
@Configuration(proxyBeanMethods = false)
class ContainerErrors {

  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonContainerErrors() {
    return factory ->
        factory.addContextCustomizers(
            context -> {
              // The host adds its error report valve when it starts, after this runs.
              if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
              }
            });
  }
}

package dev.scopeml.scorer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The ScopeML scorer: serves predictions of the active model versions, per scope. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ScorerApplication {

  public static void main(String[] args) {
    SpringApplication.run(ScorerApplication.class, args);
  }
}

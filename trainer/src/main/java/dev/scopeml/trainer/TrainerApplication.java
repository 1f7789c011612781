package dev.scopeml.trainer;

import dev.scopeml.trainer.config.TrainerProperties;
import dev.scopeml.trainer.spark.SparkProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The ScopeML trainer: accepts training runs by scope, fits them on worker threads that share the
 * model-store queue with every other trainer, and administers the model registry.
 */
@SpringBootApplication
@EnableConfigurationProperties({TrainerProperties.class, SparkProperties.class})
public class TrainerApplication {

  public static void main(String[] args) {
    SpringApplication.run(TrainerApplication.class, args);
  }
}

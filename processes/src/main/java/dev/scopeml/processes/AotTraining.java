package dev.scopeml.processes;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The run that records a jar's JDK AOT cache: the application started as it will be in production
 * and stopped once it has loaded what its start-up loads.
 *
 * @param arguments application arguments of the training run
 * @param environment added to this process's environment (the database a trainer migrates on start,
 *     for instance)
 * @param timeout how long the run may take before it is given up
 */
public record AotTraining(
    List<String> arguments, Map<String, String> environment, Duration timeout) {

  /** Spring Framework's switch that ends a run right after its context is refreshed. */
  static final String EXIT_ON_REFRESH = "-Dspring.context.exit=onRefresh";

  public AotTraining {
    arguments = List.copyOf(arguments);
    environment = Map.copyOf(environment);
  }

  /**
   * A Spring Boot application started until its context is refreshed, then ended: every class its
   * start-up loads and links is in the cache, without serving anything.
   */
  public static AotTraining untilRefreshed(Map<String, String> environment) {
    return new AotTraining(List.of(), environment, Duration.ofMinutes(3));
  }
}

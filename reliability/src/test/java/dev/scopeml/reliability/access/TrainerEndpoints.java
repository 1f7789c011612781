package dev.scopeml.reliability.access;

import dev.scopeml.reliability.Http;
import dev.scopeml.testsupport.services.ServiceProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The request mappings of a running trainer, read from its {@code /actuator/mappings}: every
 * controller method the application actually registered, so an endpoint added later is enumerated
 * without anyone listing it.
 */
final class TrainerEndpoints {

  /**
   * One mapping.
   *
   * @param method the HTTP method
   * @param pattern the path pattern, e.g. {@code /v1/runs/{run}/cancel}
   */
  record Endpoint(String method, String pattern) {

    /** The pattern with its variables filled in: a run id where a run is named, else the model. */
    String path(String model) {
      return pattern
          .replace("{run}", "8d7f0f5c-54a4-4c52-8a6e-2d4e0a1d6b6e")
          .replace("{model}", model)
          .replaceAll("\\{[^}]+}", "x");
    }

    boolean isAdmin() {
      return pattern.equals("/v1") || pattern.startsWith("/v1/");
    }
  }

  private TrainerEndpoints() {}

  /** Every (method, pattern) the trainer's dispatcher servlet maps. */
  static List<Endpoint> of(ServiceProcess trainer) {
    Http.Reply reply = Http.get(trainer.uri("/actuator/mappings"));
    if (reply.status() != 200) {
      throw new IllegalStateException(
          "no /actuator/mappings: " + reply.status() + " " + reply.body());
    }
    var found = new TreeSet<String>();
    for (JsonNode context : reply.json().path("contexts")) {
      for (JsonNode servlet : context.path("mappings").path("dispatcherServlets")) {
        for (JsonNode mapping : servlet) {
          JsonNode conditions = mapping.path("details").path("requestMappingConditions");
          if (conditions.isMissingNode()) {
            continue;
          }
          List<String> methods = new ArrayList<>();
          conditions.path("methods").forEach(m -> methods.add(m.asString()));
          if (methods.isEmpty()) {
            // A mapping for every method: probe the two that matter.
            methods.addAll(List.of("GET", "POST"));
          }
          for (JsonNode pattern : conditions.path("patterns")) {
            methods.forEach(method -> found.add(method + " " + pattern.asString()));
          }
        }
      }
    }
    return found.stream()
        .map(line -> line.split(" ", 2))
        .map(parts -> new Endpoint(parts[0], parts[1]))
        .toList();
  }

  /**
   * The patterns outside {@code /v1} that are meant to be open: health, metrics, the error page.
   */
  static final Set<String> OPEN =
      Set.of(
          "/actuator",
          "/actuator/health",
          "/actuator/health/**",
          "/actuator/health/{*path}",
          "/actuator/info",
          "/actuator/prometheus",
          "/actuator/metrics",
          "/actuator/metrics/{requiredMetricName}",
          "/actuator/mappings",
          "/error");
}

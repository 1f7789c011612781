package dev.scopeml.deploy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an app in its container reads: the configuration properties it and its libraries declare,
 * the variables its configuration names in placeholders, and those the base image's entrypoint and
 * the java launcher read; and the value each property takes there.
 */
public final class AppSettings {

  /** Read by the java launcher itself, whatever the app. */
  static final Set<String> JAVA_LAUNCHER_VARIABLES =
      Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

  private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)");

  private final AppImage app;
  private final List<ConfigurationProperty> properties;
  private final Map<String, String> configuration;
  private final Set<String> placeholders;
  private final Set<String> entrypointVariables;
  private final Map<String, String> environment;

  AppSettings(Deployment deployment, AppImage app) {
    this(deployment, app, app.containerEnvironment(deployment.baseEnvironment()));
  }

  /**
   * The settings of {@code app}'s image run with {@code environment}, the whole environment of its
   * container (image and orchestrator together), as another orchestrator than compose sets it.
   */
  public AppSettings(Deployment deployment, AppImage app, Map<String, String> environment) {
    this.app = app;
    this.properties = app.jar().properties();
    this.configuration = app.jar().configuration();
    this.placeholders = app.jar().placeholderNames();
    this.entrypointVariables = shellVariables(deployment.entrypoint());
    this.environment =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(environment));
  }

  /** The upper-case variables a shell script expands. */
  static Set<String> shellVariables(String script) {
    Set<String> names = new LinkedHashSet<>();
    var matcher = SHELL_VARIABLE.matcher(script);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  public AppImage app() {
    return app;
  }

  /** The app's flattened {@code application.*} configuration. */
  public Map<String, String> configuration() {
    return configuration;
  }

  /** The variables of the container's environment, image and compose together. */
  public Map<String, String> environment() {
    return environment;
  }

  /** Whether anything in the container reads {@code variable}, and if so what. */
  public Optional<String> reader(String variable) {
    for (ConfigurationProperty property : properties) {
      if (RelaxedBinding.binds(variable, property.name(), property.map())) {
        return Optional.of("property " + property.name());
      }
    }
    if (placeholders.contains(variable)) {
      return Optional.of("a ${" + variable + "} placeholder of the app's configuration");
    }
    if (entrypointVariables.contains(variable)) {
      return Optional.of("the base image's entrypoint");
    }
    if (JAVA_LAUNCHER_VARIABLES.contains(variable)) {
      return Optional.of("the java launcher");
    }
    return Optional.empty();
  }

  /** Whether the app or its libraries declare {@code property}. */
  public boolean declares(String property) {
    return properties.stream().anyMatch(p -> p.name().equals(property));
  }

  /**
   * The value {@code property} takes in the container: from the environment (relaxed binding), else
   * the app's configuration, else its declared default.
   */
  public Optional<String> value(String property) {
    for (var entry : environment.entrySet()) {
      if (RelaxedBinding.binds(entry.getKey(), property, false) && entry.getValue() != null) {
        return Optional.of(entry.getValue());
      }
    }
    if (configuration.containsKey(property)) {
      return Optional.of(configuration.get(property));
    }
    return properties.stream()
        .filter(p -> p.name().equals(property) && p.defaultValue() != null)
        .map(ConfigurationProperty::defaultValue)
        .findFirst();
  }

  /** The HTTP port: {@code server.port}, 8080 when nothing sets it (Spring Boot's default). */
  public int port() {
    return Integer.parseInt(value("server.port").orElse("8080"));
  }

  /** The port Actuator answers on: {@code management.server.port}, else the HTTP port. */
  public int managementPort() {
    return value("management.server.port").map(Integer::parseInt).orElse(port());
  }

  /**
   * The scorer's operator port ({@code scopeml.scorer.operator-port}), where it serves probes,
   * metrics and metadata beside its public port; empty for an app without one.
   */
  public Optional<Integer> operatorPort() {
    return value("scopeml.scorer.operator-port").map(Integer::parseInt);
  }
}

package dev.scopeml.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service of a compose file, as written (variables unresolved).
 *
 * @param name the service name
 * @param image its {@code image}, or null
 * @param build its build context and Dockerfile, or null when it only runs an image
 * @param environment variables it sets (null values pass the caller's through)
 * @param ports published ports in the short syntax ({@code [ip:]host:container})
 * @param expose ports reachable only on the compose network
 * @param healthcheck the healthcheck's test, or null when the service defines none
 * @param dependsOn services it waits for, with the condition ({@code service_started} for the short
 *     syntax)
 * @param secrets names of the secrets mounted into it
 * @param volumes mounts in the short syntax ({@code source:target[:mode]})
 * @param replicas {@code deploy.replicas}, 1 when not set
 * @param init whether compose runs an init process as PID 1
 * @param overridesStart whether it sets {@code entrypoint} or {@code command}
 * @param run how its containers run: healthcheck timing, root filesystem, limits, stop grace
 */
public record ComposeService(
    String name,
    String image,
    Build build,
    Map<String, String> environment,
    List<String> ports,
    List<String> expose,
    List<String> healthcheck,
    Map<String, String> dependsOn,
    List<String> secrets,
    List<String> volumes,
    int replicas,
    boolean init,
    boolean overridesStart,
    Run run) {

  /**
   * How a service's containers run, as written.
   *
   * @param healthcheckTiming the healthcheck's {@code interval}, {@code timeout}, {@code retries},
   *     {@code start_period}, where set
   * @param readOnly {@code read_only}: the root filesystem cannot be written
   * @param tmpfs {@code tmpfs} mounts ({@code path[:options]})
   * @param memoryLimit {@code deploy.resources.limits.memory}, or null
   * @param stopGracePeriod {@code stop_grace_period}, or null
   */
  public record Run(
      Map<String, String> healthcheckTiming,
      boolean readOnly,
      List<String> tmpfs,
      String memoryLimit,
      String stopGracePeriod) {}

  /**
   * How a service's image is built.
   *
   * @param context the build context, relative to the compose file
   * @param dockerfile the Dockerfile, relative to the context
   * @param args build arguments
   * @param additionalContexts named contexts
   */
  public record Build(
      String context,
      String dockerfile,
      Map<String, String> args,
      Map<String, String> additionalContexts) {}

  /** A mount in the short syntax, split. */
  public record Mount(String source, String target, boolean readOnly) {

    /** A bind mount of a host path rather than a named volume. */
    public boolean bind() {
      return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    }
  }

  static ComposeService of(String name, Map<String, Object> definition) {
    Map<String, Object> deploy = YamlTree.map(definition.get("deploy"));
    Object replicas = deploy.get("replicas");
    Object healthcheck = definition.get("healthcheck");
    return new ComposeService(
        name,
        YamlTree.string(definition.get("image")),
        build(definition.get("build")),
        keyValues(definition.get("environment")),
        strings(definition.get("ports")),
        strings(definition.get("expose")),
        healthcheck == null || Boolean.TRUE.equals(YamlTree.map(healthcheck).get("disable"))
            ? null
            : strings(YamlTree.map(healthcheck).get("test")),
        dependsOn(definition.get("depends_on")),
        secretNames(definition.get("secrets")),
        strings(definition.get("volumes")),
        replicas == null ? 1 : Integer.parseInt(String.valueOf(replicas)),
        Boolean.TRUE.equals(definition.get("init")),
        definition.containsKey("entrypoint") || definition.containsKey("command"),
        run(definition));
  }

  private static Run run(Map<String, Object> definition) {
    Map<String, String> timing = new LinkedHashMap<>();
    YamlTree.map(definition.get("healthcheck"))
        .forEach(
            (key, value) -> {
              if (!key.equals("test") && !key.equals("disable")) {
                timing.put(key, YamlTree.string(value));
              }
            });
    Map<String, Object> limits =
        YamlTree.map(
            YamlTree.map(YamlTree.map(definition.get("deploy")).get("resources")).get("limits"));
    return new Run(
        timing,
        Boolean.TRUE.equals(definition.get("read_only")),
        strings(definition.get("tmpfs")),
        YamlTree.string(limits.get("memory")),
        YamlTree.string(definition.get("stop_grace_period")));
  }

  /** The mounts, with variables at their defaults. */
  public List<Mount> mounts() {
    var mounts = new ArrayList<Mount>();
    for (String volume : volumes) {
      String[] parts = Interpolation.defaults(volume).split(":");
      boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro");
      mounts.add(new Mount(parts[0], parts.length > 1 ? parts[1] : parts[0], readOnly));
    }
    return mounts;
  }

  /** The container side of each published port, with variables at their defaults. */
  public List<Integer> publishedContainerPorts() {
    return ports.stream().map(p -> containerPort(Interpolation.defaults(p))).toList();
  }

  /** The host address each published port binds to, empty when it binds to all addresses. */
  public List<String> publishedHostAddresses() {
    var addresses = new ArrayList<String>();
    for (String port : ports) {
      String[] parts = Interpolation.defaults(port).split(":");
      addresses.add(parts.length == 3 ? parts[0] : "");
    }
    return addresses;
  }

  /** The healthcheck as one command line, if the service defines one. */
  public Optional<String> healthcheckCommand() {
    if (healthcheck == null || healthcheck.isEmpty()) {
      return Optional.empty();
    }
    String kind = healthcheck.getFirst();
    if (kind.equals("NONE")) {
      return Optional.empty();
    }
    List<String> command =
        kind.equals("CMD") || kind.equals("CMD-SHELL")
            ? healthcheck.subList(1, healthcheck.size())
            : healthcheck;
    return Optional.of(String.join(" ", command));
  }

  private static int containerPort(String port) {
    String[] parts = port.split(":");
    return Integer.parseInt(parts[parts.length - 1].replaceFirst("/.*", ""));
  }

  private static Build build(Object node) {
    if (node == null) {
      return null;
    }
    if (!(node instanceof Map<?, ?>)) {
      return new Build(String.valueOf(node), "Dockerfile", Map.of(), Map.of());
    }
    Map<String, Object> build = YamlTree.map(node);
    String dockerfile = YamlTree.string(build.get("dockerfile"));
    return new Build(
        String.valueOf(build.getOrDefault("context", ".")),
        dockerfile == null ? "Dockerfile" : dockerfile,
        keyValues(build.get("args")),
        keyValues(build.get("additional_contexts")));
  }

  /** The mapping form ({@code KEY: value}) or the list form ({@code - KEY=value}). */
  private static Map<String, String> keyValues(Object node) {
    Map<String, String> values = new LinkedHashMap<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> values.put(String.valueOf(key), YamlTree.string(value)));
    } else {
      for (Object item : YamlTree.list(node)) {
        String entry = String.valueOf(item);
        int equals = entry.indexOf('=');
        values.put(
            equals < 0 ? entry : entry.substring(0, equals),
            equals < 0 ? null : entry.substring(equals + 1));
      }
    }
    return values;
  }

  private static List<String> strings(Object node) {
    if (node instanceof String text) {
      return List.of(text);
    }
    return YamlTree.list(node).stream().map(String::valueOf).toList();
  }

  private static Map<String, String> dependsOn(Object node) {
    Map<String, String> conditions = new LinkedHashMap<>();
    if (node instanceof Map<?, ?> map) {
      map.forEach(
          (service, options) ->
              conditions.put(
                  String.valueOf(service),
                  String.valueOf(
                      YamlTree.map(options).getOrDefault("condition", "service_started"))));
    } else {
      YamlTree.list(node).forEach(s -> conditions.put(String.valueOf(s), "service_started"));
    }
    return conditions;
  }

  private static List<String> secretNames(Object node) {
    return YamlTree.list(node).stream()
        .map(
            s ->
                s instanceof Map<?, ?> longForm
                    ? String.valueOf(longForm.get("source"))
                    : s.toString())
        .toList();
  }
}

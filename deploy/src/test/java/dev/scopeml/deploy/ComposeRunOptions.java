package dev.scopeml.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compose service turned into {@code run} options of a plain container engine on the host's
 * network: its environment (variables substituted as compose does), secrets as files under {@code
 * /run/secrets}, mounts (named volumes prefixed with the project), healthcheck with its timing,
 * read-only root filesystem, tmpfs, memory limit and stop grace period. On the host's network a
 * service's address changes ({@code postgres:5432} becomes {@code 127.0.0.1:<port>}): {@code
 * addresses} rewrites them in the environment and the healthcheck.
 *
 * @param compose the compose file
 * @param variables what compose would read from the shell for substitution
 * @param secrets the folder holding a file per secret
 * @param project the prefix of named volumes
 * @param addresses address as written in the compose file to address on the host
 * @param podman whether the engine is podman (its read-only mode adds tmpfs mounts unless told not)
 */
record ComposeRunOptions(
    ComposeFile compose,
    Map<String, String> variables,
    Path secrets,
    String project,
    Map<String, String> addresses,
    boolean podman) {

  /**
   * The options for {@code service}.
   *
   * @param environment variables set in place of (or beside) the service's
   * @param mounts host paths mounted in place of the service's, by container path
   */
  List<String> of(
      ComposeService service, Map<String, String> environment, Map<String, Path> mounts) {
    var options = new ArrayList<String>();
    var resolved = new LinkedHashMap<String, String>();
    service
        .environment()
        .forEach(
            (key, value) -> {
              if (value != null) {
                resolved.put(key, hostAddresses(Interpolation.resolve(value, variables)));
              }
            });
    resolved.putAll(environment);
    resolved.forEach((key, value) -> options.addAll(List.of("-e", key + "=" + value)));
    for (String secret : service.secrets()) {
      options.addAll(List.of("-v", secrets.resolve(secret) + ":/run/secrets/" + secret + ":ro"));
    }
    for (ComposeService.Mount mount : service.mounts()) {
      String source =
          mounts.containsKey(mount.target())
              ? mounts.get(mount.target()).toString()
              : mount.bind()
                  ? compose.directory().resolve(mount.source()).normalize().toString()
                  : project + "-" + mount.source();
      options.addAll(
          List.of("-v", source + ":" + mount.target() + (mount.readOnly() ? ":ro" : "")));
    }
    service
        .healthcheckCommand()
        .ifPresent(
            command ->
                options.addAll(
                    List.of(
                        "--health-cmd", hostAddresses(Interpolation.resolve(command, variables)))));
    ComposeService.Run run = service.run();
    run.healthcheckTiming()
        .forEach((key, value) -> options.add("--health-" + key.replace('_', '-') + "=" + value));
    if (run.readOnly()) {
      options.add("--read-only");
      if (podman) {
        options.add("--read-only-tmpfs=false");
      }
    }
    run.tmpfs().forEach(tmpfs -> options.addAll(List.of("--tmpfs", tmpfs)));
    if (run.memoryLimit() != null) {
      options.addAll(List.of("--memory", Interpolation.resolve(run.memoryLimit(), variables)));
    }
    if (run.stopGracePeriod() != null) {
      options.addAll(List.of("--stop-timeout", run.stopGracePeriod().replaceFirst("s$", "")));
    }
    return options;
  }

  private String hostAddresses(String text) {
    String result = text;
    for (var address : addresses.entrySet()) {
      result = result.replace(address.getKey(), address.getValue());
    }
    return result;
  }
}

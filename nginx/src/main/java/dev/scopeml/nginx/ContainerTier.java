package dev.scopeml.nginx;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How {@link ContainerTierDriver} runs a tier's containers on the host's network.
 *
 * @param engine the engine's command line ({@code docker}, {@code podman}, or the repository's
 *     {@code deploy/images/engine}, which picks one)
 * @param project the prefix of the container names ({@code <project>-scorer-slot-<n>}, {@code
 *     <project>-nginx})
 * @param scorerOptions {@code run} options every scorer gets: its environment, secrets, limits,
 *     mounts (the compose file's {@code scorer} service, translated)
 * @param nginxImage the load balancer's image
 * @param nginxOptions {@code run} options of the load balancer: its configuration mounts (one of
 *     them the folder of {@code upstreamFile}) and healthcheck
 * @param upstreamFile the host file nginx includes as its upstream
 * @param controlPort the port of nginx's control listener on 127.0.0.1
 */
public record ContainerTier(
    List<String> engine,
    String project,
    List<String> scorerOptions,
    String nginxImage,
    List<String> nginxOptions,
    Path upstreamFile,
    int controlPort) {

  public ContainerTier {
    engine = List.copyOf(engine);
    Objects.requireNonNull(project, "project");
    scorerOptions = List.copyOf(scorerOptions);
    Objects.requireNonNull(nginxImage, "nginxImage");
    nginxOptions = List.copyOf(nginxOptions);
    Objects.requireNonNull(upstreamFile, "upstreamFile");
  }

  /** The container name of nginx. */
  public String nginxName() {
    return project + "-nginx";
  }
}

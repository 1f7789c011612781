package dev.scopeml.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every container asks for CPU and memory and is limited in both; the build's images run as a
 * non-root user on a read-only root file system, with no privilege to gain and no capability; the
 * scorers log in to PostgreSQL with the read-only role the init script creates, and consume the
 * stream.
 */
final class HardeningCheck implements ManifestCheck {

  private static final Pattern LOGIN_ROLE = Pattern.compile("CREATE ROLE (\\w+) LOGIN");

  @Override
  public String name() {
    return "resources, users and logins";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    String readOnlyLogin = readOnlyLogin(deployment);
    for (RenderedOverlay overlay : deployment.overlays()) {
      for (RenderedOverlay.Workload workload : overlay.workloads()) {
        PodSecurityContext pod = workload.template().getSpec().getSecurityContext();
        for (Container container : workload.template().getSpec().getContainers()) {
          String where = Where.container(overlay, workload, container);
          var resources = container.getResources();
          for (String resource : List.of("cpu", "memory")) {
            if (resources == null
                || resources.getRequests() == null
                || !resources.getRequests().containsKey(resource)
                || resources.getLimits() == null
                || !resources.getLimits().containsKey(resource)) {
              problems.add(where + " lacks a " + resource + " request or limit");
            }
          }
          var app = deployment.app(container);
          if (app.isEmpty()) {
            continue;
          }
          SecurityContext security = container.getSecurityContext();
          boolean nonRoot =
              (pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot()))
                  || (security != null && Boolean.TRUE.equals(security.getRunAsNonRoot()));
          if (!nonRoot) {
            problems.add(where + " may run as root (runAsNonRoot is not set)");
          }
          if (security == null
              || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())
              || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
              || security.getCapabilities() == null
              || !security.getCapabilities().getDrop().contains("ALL")) {
            problems.add(
                where
                    + " does not run on a read-only root file system without privilege escalation"
                    + " and with every capability dropped");
          }
          if (app.get().service().name().equals("scorer")) {
            var settings = deployment.settings(app.get(), container);
            String user = settings.value("scopeml.db.user").orElse("");
            if (!user.equals(readOnlyLogin)) {
              problems.add(
                  where
                      + " logs in to PostgreSQL as "
                      + user
                      + ", not as "
                      + readOnlyLogin
                      + ", the read-only login");
            }
            if (!"true".equals(settings.value("scopeml.scorer.kafka.enabled").orElse("false"))) {
              problems.add(where + " does not consume the stream (scopeml.scorer.kafka.enabled)");
            }
          }
        }
      }
    }
    return problems;
  }

  private static String readOnlyLogin(KubernetesDeployment deployment) {
    try (var scripts = Files.list(deployment.root().resolve(ReferenceCheck.INITDB))) {
      for (var script : scripts.toList()) {
        var matcher = LOGIN_ROLE.matcher(Files.readString(script));
        if (matcher.find()) {
          return matcher.group(1);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalStateException(ReferenceCheck.INITDB + " creates no login role");
  }
}

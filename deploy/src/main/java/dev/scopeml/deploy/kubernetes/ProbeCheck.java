package dev.scopeml.deploy.kubernetes;

import dev.scopeml.deploy.AppImage;
import dev.scopeml.deploy.AppSettings;
import dev.scopeml.deploy.HealthUrl;
import dev.scopeml.deploy.NginxConfigText;
import dev.scopeml.deploy.WebEndpoints;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every container that serves has a startup, a readiness and a liveness probe, and each asks
 * something that answers: an app's HTTP probe requests a path its controllers map or an Actuator
 * endpoint it exposes, on a port that serves that path; nginx's probes request a location of its
 * ConfigMap's nginx.conf on a port it listens on.
 */
final class ProbeCheck implements ManifestCheck {

  @Override
  public String name() {
    return "probes";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    for (RenderedOverlay overlay : deployment.overlays()) {
      for (RenderedOverlay.Workload workload : overlay.workloads()) {
        for (Container container : workload.template().getSpec().getContainers()) {
          String where = Where.container(overlay, workload, container);
          Map<String, Probe> probes = probes(container);
          probes.forEach(
              (kind, probe) -> {
                if (probe == null) {
                  problems.add(where + " has no " + kind + " probe");
                }
              });
          Optional<AppImage> app = deployment.app(container);
          if (app.isPresent()) {
            problems.addAll(appProbes(deployment, app.get(), container, where, probes));
          } else if (Where.runsNginx(container)) {
            problems.addAll(nginxProbes(overlay, where, probes));
          }
        }
      }
    }
    return problems;
  }

  private static Map<String, Probe> probes(Container container) {
    Map<String, Probe> probes = new LinkedHashMap<>();
    probes.put("startup", container.getStartupProbe());
    probes.put("readiness", container.getReadinessProbe());
    probes.put("liveness", container.getLivenessProbe());
    return probes;
  }

  private static List<String> appProbes(
      KubernetesDeployment deployment,
      AppImage app,
      Container container,
      String where,
      Map<String, Probe> probes) {
    var problems = new ArrayList<String>();
    AppSettings settings = deployment.settings(app, container);
    WebEndpoints endpoints =
        WebEndpoints.of(deployment.images().extracted(app), settings.configuration());
    String actuator =
        settings.configuration().getOrDefault("management.endpoints.web.base-path", "/actuator");
    for (var entry : probes.entrySet()) {
      Probe probe = entry.getValue();
      if (probe == null) {
        continue;
      }
      HTTPGetAction get = probe.getHttpGet();
      if (get == null) {
        problems.add(where + " probes " + entry.getKey() + " without an HTTP request");
        continue;
      }
      String path = get.getPath();
      if (!endpoints.serves(path)) {
        problems.add(
            where
                + " probes "
                + entry.getKey()
                + " at "
                + path
                + ", which the app does not serve (its controllers map "
                + endpoints.controllerPaths()
                + ")");
      }
      Set<Integer> serving = new TreeSet<>();
      serving.add(path.startsWith(actuator) ? settings.managementPort() : settings.port());
      // The operator listener serves every path, the probes included, from the start.
      settings.operatorPort().ifPresent(serving::add);
      Optional<Integer> port = Where.port(container, get.getPort());
      if (port.isEmpty() || !serving.contains(port.get())) {
        problems.add(
            where
                + " probes "
                + entry.getKey()
                + " at "
                + path
                + " on port "
                + Where.text(get.getPort())
                + " but the app serves it on "
                + serving);
      }
    }
    return problems;
  }

  private static List<String> nginxProbes(
      RenderedOverlay overlay, String where, Map<String, Probe> probes) {
    var problems = new ArrayList<String>();
    Optional<String> config =
        overlay
            .configMap(NginxConfigMapCheck.CONFIG_MAP)
            .map(ConfigMap::getData)
            .map(d -> d.get("nginx.conf"));
    if (config.isEmpty()) {
      return List.of(where + " runs nginx but the overlay has no nginx ConfigMap with nginx.conf");
    }
    var nginx = new NginxConfigText(config.get());
    for (var entry : probes.entrySet()) {
      Probe probe = entry.getValue();
      if (probe == null) {
        continue;
      }
      List<URI> urls =
          probe.getExec() == null
              ? List.of()
              : HealthUrl.in(String.join(" ", probe.getExec().getCommand()), Map.of());
      if (urls.isEmpty()) {
        problems.add(where + " probes " + entry.getKey() + " without requesting an HTTP URL");
      }
      for (URI url : urls) {
        if (!nginx.locations().contains(url.getPath())) {
          problems.add(
              where
                  + " probes "
                  + entry.getKey()
                  + " at "
                  + url.getPath()
                  + ", which is no location of its nginx.conf "
                  + nginx.locations());
        }
        if (!nginx.listenPorts().contains(HealthUrl.port(url))) {
          problems.add(
              where
                  + " probes "
                  + entry.getKey()
                  + " on port "
                  + HealthUrl.port(url)
                  + " but nginx listens on "
                  + nginx.listenPorts());
        }
      }
    }
    return problems;
  }
}

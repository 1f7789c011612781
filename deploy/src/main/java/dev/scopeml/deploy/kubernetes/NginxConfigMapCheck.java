package dev.scopeml.deploy.kubernetes;

import dev.scopeml.deploy.DataSizes;
import dev.scopeml.deploy.Deployment;
import dev.scopeml.deploy.NginxComposeConfig;
import dev.scopeml.deploy.NginxConfigText;
import dev.scopeml.deploy.RenderNginxConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * nginx's ConfigMap holds the tier controller's template rendered with {@code
 * base/nginx/nginx.conf.values} and compose's prefix script unchanged; its upstream names the
 * scorers' headless Service on its HTTP port; nginx listens on the port its container and Service
 * declare; its body limit is the scorer's.
 */
final class NginxConfigMapCheck implements ManifestCheck {

  static final String CONFIG_MAP = "nginx";
  static final String VALUES = KubernetesDeployment.DIRECTORY + "/base/nginx/nginx.conf.values";
  static final String COMPOSE_PREFIX_SCRIPT = "nginx/compose/40-scopeml-prefix.sh";

  @Override
  public String name() {
    return "nginx ConfigMap";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    Map<String, String> values = NginxComposeConfig.values(deployment.root().resolve(VALUES));
    String expected = NginxComposeConfig.render(values);
    String prefixScript = Deployment.read(deployment.root().resolve(COMPOSE_PREFIX_SCRIPT));
    for (RenderedOverlay overlay : deployment.overlays()) {
      var found = overlay.configMap(CONFIG_MAP);
      if (found.isEmpty()) {
        problems.add("overlay " + overlay.name() + " has no nginx ConfigMap");
        continue;
      }
      ConfigMap map = found.get();
      String where = Where.object(overlay, "ConfigMap", map.getMetadata().getName());
      Map<String, String> data = map.getData();
      if (!expected.equals(data.get("nginx.conf"))) {
        problems.add(
            where
                + " holds an nginx.conf that is not the tier controller's template rendered with "
                + VALUES
                + ": render it again with "
                + RenderNginxConfig.COMMAND);
      }
      if (!prefixScript.equals(data.get("40-scopeml-prefix.sh"))) {
        problems.add(
            where
                + " holds a 40-scopeml-prefix.sh that differs from "
                + COMPOSE_PREFIX_SCRIPT
                + ": copy it again");
      }
      problems.addAll(upstream(overlay, where, data.getOrDefault("upstream.conf", "")));
      problems.addAll(
          publicPort(deployment, overlay, where, data.getOrDefault("upstream.conf", "")));
      int listen = new NginxConfigText(expected).listenPorts().getFirst();
      overlay.workloads().stream()
          .filter(
              w ->
                  w.template().getSpec().getContainers().stream().anyMatch(c -> Where.runsNginx(c)))
          .forEach(
              w -> {
                for (Container c : w.template().getSpec().getContainers()) {
                  if (c.getPorts().stream().noneMatch(p -> p.getContainerPort() == listen)) {
                    problems.add(
                        Where.container(overlay, w, c)
                            + " does not declare port "
                            + listen
                            + ", which nginx listens on");
                  }
                }
              });
      Scorers.deployment(overlay)
          .flatMap(Scorers::container)
          .ifPresent(
              scorer ->
                  deployment
                      .app(scorer)
                      .flatMap(
                          app ->
                              deployment
                                  .settings(app, scorer)
                                  .value("scopeml.scorer.max-body-size"))
                      .filter(
                          limit ->
                              DataSizes.spring(limit) != DataSizes.nginx(values.get("maxBody")))
                      .ifPresent(
                          limit ->
                              problems.add(
                                  VALUES
                                      + " limits bodies to "
                                      + values.get("maxBody")
                                      + " but the scorer to "
                                      + limit
                                      + " (scopeml.scorer.max-body-size)")));
    }
    return problems;
  }

  private static List<String> upstream(RenderedOverlay overlay, String where, String upstream) {
    var problems = new ArrayList<String>();
    var servers = new NginxConfigText(upstream).upstreamServers();
    if (servers.isEmpty()) {
      problems.add(where + " has an upstream.conf that names no server");
    }
    for (var server : servers) {
      String host = server.host();
      String serviceName = host.split("\\.")[0];
      var service = overlay.service(serviceName);
      if (service.isEmpty()
          || !serviceName.equals(
              Scorers.deployment(overlay).map(d -> d.getMetadata().getName()).orElse(""))) {
        problems.add(where + " sends traffic to " + host + ", which is not the scorers' Service");
        continue;
      }
      Service scorers = service.get();
      if (!"None".equals(scorers.getSpec().getClusterIP())) {
        problems.add(
            Where.object(overlay, "Service", serviceName)
                + " is not headless (clusterIP: None): nginx would see one address and could not"
                + " pass a refused connect to another scorer");
      }
      String namespace = scorers.getMetadata().getNamespace();
      if (host.contains(".") && !host.startsWith(serviceName + "." + namespace + ".svc.")) {
        problems.add(where + " names " + host + " but the Service lives in namespace " + namespace);
      }
      int port = server.port();
      if (scorers.getSpec().getPorts().stream()
          .map(ServicePort::getPort)
          .noneMatch(p -> p == port)) {
        problems.add(
            where
                + " sends traffic to port "
                + port
                + ", which Service "
                + serviceName
                + " does not offer");
      }
    }
    return problems;
  }

  /**
   * nginx sends predictions to the scorers' public port: the operator port serves metrics and model
   * metadata too, which the front door must never pass.
   */
  private static List<String> publicPort(
      KubernetesDeployment deployment, RenderedOverlay overlay, String where, String upstream) {
    var problems = new ArrayList<String>();
    var scorer = Scorers.deployment(overlay).flatMap(Scorers::container);
    var app = scorer.flatMap(deployment::app);
    if (app.isEmpty()) {
      return problems;
    }
    int publicPort = deployment.settings(app.get(), scorer.get()).port();
    for (var server : new NginxConfigText(upstream).upstreamServers()) {
      int port = server.port();
      if (port != publicPort) {
        problems.add(
            where
                + " sends traffic to the scorers' port "
                + port
                + ", not their public port "
                + publicPort
                + " (server.port)");
      }
    }
    return problems;
  }
}

package dev.scopeml.deploy;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Every service that runs has a healthcheck (its own or its image's), because {@code depends_on}
 * and the tier controller wait for "healthy"; an app's healthcheck requests a path the app serves,
 * on the port it serves it on; nginx's requests a location its configuration answers on its
 * listening port.
 */
final class HealthcheckCheck implements Check {

  @Override
  public String name() {
    return "healthchecks";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    for (ComposeService service : deployment.compose().services().values()) {
      if (service.replicas() > 0 && deployment.healthcheck(service).isEmpty()) {
        problems.add("service " + service.name() + " has no healthcheck, in compose or its image");
      }
    }
    for (AppImage app : deployment.builtApps()) {
      var command = deployment.healthcheck(app.service());
      if (command.isEmpty()) {
        continue;
      }
      AppSettings settings = deployment.settings(app);
      List<URI> urls = HealthUrl.in(command.get(), settings.environment());
      if (urls.isEmpty()) {
        problems.add("the healthcheck of " + app.service().name() + " requests no HTTP URL");
      }
      WebEndpoints endpoints = WebEndpoints.of(deployment.extracted(app), settings.configuration());
      for (URI url : urls) {
        String path = url.getPath();
        if (!endpoints.serves(path)) {
          problems.add(
              "the healthcheck of "
                  + app.service().name()
                  + " requests "
                  + path
                  + ", which the app does not serve (its controllers map "
                  + endpoints.controllerPaths()
                  + ")");
        }
        boolean actuator =
            path.startsWith(
                settings
                    .configuration()
                    .getOrDefault("management.endpoints.web.base-path", "/actuator"));
        int expected = actuator ? settings.managementPort() : settings.port();
        if (HealthUrl.port(url) != expected) {
          problems.add(
              "the healthcheck of "
                  + app.service().name()
                  + " requests port "
                  + HealthUrl.port(url)
                  + " but the app serves "
                  + path
                  + " on "
                  + expected);
        }
      }
    }
    for (NginxService nginx : NginxService.in(deployment)) {
      var command = deployment.healthcheck(nginx.service());
      if (command.isEmpty()) {
        continue;
      }
      List<String> locations = new NginxConfigText(nginx.config()).locations();
      for (URI url : HealthUrl.in(command.get(), nginx.service().environment())) {
        if (!locations.contains(url.getPath())) {
          problems.add(
              "the healthcheck of "
                  + nginx.service().name()
                  + " requests "
                  + url.getPath()
                  + ", which is no location of its nginx.conf "
                  + locations);
        }
        if (!nginx.listenPorts().contains(HealthUrl.port(url))) {
          problems.add(
              "the healthcheck of "
                  + nginx.service().name()
                  + " requests port "
                  + HealthUrl.port(url)
                  + " but nginx listens on "
                  + nginx.listenPorts());
        }
      }
    }
    return problems;
  }
}

package dev.scopeml.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ports agree: each app image exposes the port the app listens on ({@code server.port} as its
 * container sets it), compose publishes and exposes only ports the app or nginx listens on, and
 * every published port binds to 127.0.0.1 on the host unless the operator says otherwise.
 */
final class PortCheck implements Check {

  /** Where a published port binds on the host by default. */
  static final String LOOPBACK = "127.0.0.1";

  @Override
  public String name() {
    return "ports";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    for (AppImage app : deployment.builtApps()) {
      AppSettings settings = deployment.settings(app);
      Set<Integer> listening = new TreeSet<>(List.of(settings.port(), settings.managementPort()));
      settings.operatorPort().ifPresent(listening::add);
      String name = app.service().name();
      List<Integer> exposed = Dockerfile.exposedPorts(app.dockerfile().finalStage());
      if (!exposed.contains(settings.port())) {
        problems.add(
            deployment.root().relativize(app.dockerfile().path())
                + " exposes "
                + exposed
                + " but "
                + name
                + " listens on "
                + settings.port()
                + " (server.port)");
      }
      for (String port : app.service().expose()) {
        if (!listening.contains(Integer.parseInt(Interpolation.defaults(port)))) {
          problems.add(
              "service " + name + " exposes " + port + " but the app listens on " + listening);
        }
      }
      for (int port : app.service().publishedContainerPorts()) {
        if (!listening.contains(port)) {
          problems.add(
              "service "
                  + name
                  + " publishes port "
                  + port
                  + " but the app listens on "
                  + listening);
        }
      }
    }
    for (NginxService nginx : NginxService.in(deployment)) {
      for (int port : nginx.service().publishedContainerPorts()) {
        if (!nginx.listenPorts().contains(port)) {
          problems.add(
              "service "
                  + nginx.service().name()
                  + " publishes port "
                  + port
                  + " but its nginx.conf listens on "
                  + nginx.listenPorts());
        }
      }
    }
    for (ComposeService service : deployment.compose().services().values()) {
      for (String address : service.publishedHostAddresses()) {
        if (!address.equals(LOOPBACK)) {
          problems.add(
              "service "
                  + service.name()
                  + " publishes a port on "
                  + (address.isEmpty() ? "every host address" : address)
                  + " by default; bind it to "
                  + LOOPBACK);
        }
      }
    }
    return problems;
  }
}

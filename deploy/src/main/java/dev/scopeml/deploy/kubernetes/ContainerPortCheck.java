package dev.scopeml.deploy.kubernetes;

import dev.scopeml.deploy.AppSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A container of the build's images declares exactly the ports its app listens on (the HTTP port,
 * the management port, the scorer's operator port); every Service port reaches a port the pods it
 * selects declare.
 */
final class ContainerPortCheck implements ManifestCheck {

  @Override
  public String name() {
    return "container ports";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    var problems = new ArrayList<String>();
    for (RenderedOverlay overlay : deployment.overlays()) {
      for (RenderedOverlay.Workload workload : overlay.workloads()) {
        for (Container container : workload.template().getSpec().getContainers()) {
          deployment
              .app(container)
              .ifPresent(
                  app -> {
                    AppSettings settings = deployment.settings(app, container);
                    Set<Integer> listens = new TreeSet<>();
                    listens.add(settings.port());
                    listens.add(settings.managementPort());
                    settings.operatorPort().ifPresent(listens::add);
                    Set<Integer> declared = new TreeSet<>();
                    container.getPorts().forEach(p -> declared.add(p.getContainerPort()));
                    if (!declared.equals(listens)) {
                      problems.add(
                          Where.container(overlay, workload, container)
                              + " declares ports "
                              + declared
                              + " but the app listens on "
                              + listens);
                    }
                  });
        }
      }
      for (Service service : overlay.all(Service.class)) {
        problems.addAll(servicePorts(overlay, service));
      }
    }
    return problems;
  }

  private static List<Integer> declared(Container container) {
    return container.getPorts().stream().map(ContainerPort::getContainerPort).toList();
  }

  private static List<String> servicePorts(RenderedOverlay overlay, Service service) {
    var problems = new ArrayList<String>();
    var selector = service.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return problems;
    }
    String where = Where.object(overlay, "Service", service.getMetadata().getName());
    for (RenderedOverlay.Workload workload : overlay.workloads()) {
      if (!workload.podsMatch(selector)) {
        continue;
      }
      for (ServicePort port : service.getSpec().getPorts()) {
        IntOrString target =
            port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
        boolean reached =
            workload.template().getSpec().getContainers().stream()
                .anyMatch(
                    c -> Where.port(c, target).filter(n -> declared(c).contains(n)).isPresent());
        if (!reached) {
          problems.add(
              where
                  + " sends port "
                  + port.getName()
                  + " to "
                  + Where.text(target)
                  + ", which no container of "
                  + workload.kind()
                  + " "
                  + workload.name()
                  + " declares");
        }
      }
    }
    return problems;
  }
}

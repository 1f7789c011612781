package dev.scopeml.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import java.util.Optional;

/** How problems name what they are about, and the small lookups every check needs. */
final class Where {

  private Where() {}

  /** {@code overlay local: Deployment scorer, container scorer}. */
  static String container(RenderedOverlay overlay, RenderedOverlay.Workload workload, Container c) {
    return object(overlay, workload.kind(), workload.name()) + ", container " + c.getName();
  }

  /** {@code overlay local: Service nginx}. */
  static String object(RenderedOverlay overlay, String kind, String name) {
    return "overlay " + overlay.name() + ": " + kind + " " + name;
  }

  /** Whether {@code container} runs the nginx image. */
  static boolean runsNginx(Container container) {
    return container.getImage() != null && container.getImage().startsWith("nginx:");
  }

  /** A port as the manifest writes it: its number or its name. */
  static String text(IntOrString port) {
    return port == null
        ? "none"
        : port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
  }

  /** The number a probe's or Service's port names in {@code container}, by number or by name. */
  static Optional<Integer> port(Container container, IntOrString port) {
    if (port == null) {
      return Optional.empty();
    }
    if (port.getIntVal() != null) {
      return Optional.of(port.getIntVal());
    }
    return container.getPorts().stream()
        .filter(p -> port.getStrVal().equals(p.getName()))
        .map(ContainerPort::getContainerPort)
        .findFirst();
  }
}

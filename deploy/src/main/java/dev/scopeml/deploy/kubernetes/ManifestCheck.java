package dev.scopeml.deploy.kubernetes;

import java.util.List;

/** One concern of the Kubernetes deployment, checked against the build and itself. */
public interface ManifestCheck {

  /** What this check looks at, for reports. */
  String name();

  /**
   * What is wrong with {@code deployment}, one sentence each naming the overlay, the object and the
   * item at fault; empty when nothing is.
   */
  List<String> problems(KubernetesDeployment deployment);
}

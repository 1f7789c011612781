package dev.scopeml.deploy.kubernetes;

import java.nio.file.Path;

/** The repository the tests check ({@code scopeml.repository}, set by the module's pom). */
final class KubernetesRepository {

  private static KubernetesDeployment deployment;

  private KubernetesRepository() {}

  static Path root() {
    String configured = System.getProperty("scopeml.repository");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    return root.toAbsolutePath().normalize();
  }

  /** The repository's Kubernetes deployment, rendered once for every test class. */
  static synchronized KubernetesDeployment deployment() {
    if (deployment == null) {
      deployment = KubernetesDeployment.load(root());
    }
    return deployment;
  }
}

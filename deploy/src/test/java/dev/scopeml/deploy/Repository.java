package dev.scopeml.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests check: {@code scopeml.repository}, set by the module's pom. */
final class Repository {

  private static Deployment deployment;

  private Repository() {}

  static Path root() {
    String configured = System.getProperty("scopeml.repository");
    Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
    root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
      throw new IllegalStateException(root + " holds no docker-compose.yml");
    }
    return root;
  }

  /** The repository's deployment, loaded once for every test class. */
  static synchronized Deployment deployment() {
    if (deployment == null) {
      deployment = Deployment.load(root());
    }
    return deployment;
  }
}

package dev.scopeml.deploy;

import java.util.List;

/** Every check of the container deployment. */
final class DeploymentChecks {

  private DeploymentChecks() {}

  public static List<Check> all() {
    return List.of(
        new BuildOutputCheck(),
        new EnvironmentCheck(),
        new HealthcheckCheck(),
        new PortCheck(),
        new SecretCheck(),
        new ImageTagCheck(),
        new StartupOrderCheck(),
        new MountCheck(),
        new NginxConfigCheck(),
        new TierDriverCheck());
  }
}

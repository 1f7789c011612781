package dev.scopeml.deploy.kubernetes;

import java.util.List;

/** Every check of the Kubernetes deployment. */
public final class ManifestChecks {

  private ManifestChecks() {}

  public static List<ManifestCheck> all() {
    return List.of(
        new StrictParsingCheck(),
        new ContainerPortCheck(),
        new ProbeCheck(),
        new EnvironmentBindingCheck(),
        new ReferenceCheck(),
        new ImagePinCheck(),
        new NginxConfigMapCheck(),
        new SelectorCheck(),
        new ScorerRolloutCheck(),
        new HardeningCheck(),
        new NetworkPolicyCheck(),
        new ScaledObjectCheck(),
        new DriverContractCheck());
  }
}

package dev.scopeml.deploy.kubernetes;

import java.util.List;

/**
 * Every overlay renders, and every object it renders is one fabric8's typed model knows field by
 * field: the API server would drop an unknown field without a word.
 */
final class StrictParsingCheck implements ManifestCheck {

  @Override
  public String name() {
    return "rendering and strict parsing";
  }

  @Override
  public List<String> problems(KubernetesDeployment deployment) {
    return deployment.parseProblems();
  }
}

package dev.scopeml.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * A service waits for what it depends on to be healthy, not merely started, whenever that
 * dependency has a healthcheck; and it depends only on services that exist and run.
 */
final class StartupOrderCheck implements Check {

  static final String HEALTHY = "service_healthy";

  @Override
  public String name() {
    return "startup order";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    for (ComposeService service : deployment.compose().services().values()) {
      service
          .dependsOn()
          .forEach(
              (dependency, condition) -> {
                var target = deployment.compose().service(dependency);
                if (target.isEmpty()) {
                  problems.add(
                      "service "
                          + service.name()
                          + " depends on "
                          + dependency
                          + ", which is none");
                  return;
                }
                if (target.get().replicas() == 0) {
                  problems.add(
                      "service "
                          + service.name()
                          + " depends on "
                          + dependency
                          + ", which never runs (replicas: 0)");
                }
                boolean checked = deployment.healthcheck(target.get()).isPresent();
                if (!checked && condition.equals(HEALTHY)) {
                  problems.add(
                      "service "
                          + service.name()
                          + " waits for "
                          + dependency
                          + " to be healthy, but it has no healthcheck: compose refuses to start");
                }
                if (checked && !condition.equals(HEALTHY)) {
                  problems.add(
                      "service "
                          + service.name()
                          + " waits for "
                          + dependency
                          + " with "
                          + condition
                          + "; it has a healthcheck, so wait for "
                          + HEALTHY);
                }
              });
    }
    return problems;
  }
}

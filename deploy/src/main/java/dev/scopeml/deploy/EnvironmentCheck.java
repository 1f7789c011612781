package dev.scopeml.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every variable compose or an app's image sets is read by something in the container: a
 * configuration property the app or its libraries declare (by relaxed binding), a placeholder of
 * its configuration, the base image's entrypoint or the java launcher. A misspelt variable is
 * otherwise silently ignored. The base image's own variables must be read by its entrypoint.
 */
final class EnvironmentCheck implements Check {

  @Override
  public String name() {
    return "environment variables";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    for (AppImage app : deployment.builtApps()) {
      if (!app.jar().hasOwnMetadata()) {
        problems.add(
            app.copiedJar()
                + " of "
                + app.service().name()
                + " has no META-INF/spring-configuration-metadata.json: add"
                + " spring-boot-configuration-processor to the module's annotation processors");
        continue;
      }
      AppSettings settings = deployment.settings(app);
      Set<String> variables = new LinkedHashSet<>(app.service().environment().keySet());
      variables.addAll(Dockerfile.environment(app.dockerfile().finalStage()).keySet());
      for (String variable : variables) {
        if (settings.reader(variable).isEmpty()) {
          problems.add(
              "service "
                  + app.service().name()
                  + " sets "
                  + variable
                  + ", which nothing in its container reads (no property of the app binds it)");
        }
      }
    }
    Set<String> read = AppSettings.shellVariables(deployment.entrypoint());
    for (String variable : deployment.baseEnvironment().keySet()) {
      if (!read.contains(variable)) {
        problems.add(
            "base-image/Dockerfile sets "
                + variable
                + ", which base-image/entrypoint.sh never reads");
      }
    }
    return problems;
  }
}

package dev.scopeml.deploy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Every jar a Dockerfile copies is the one its Maven module packages and exists after {@code
 * package}; the layers the image copies are the jar's layers, all of them, in the jar's order,
 * split without Spring Boot's launcher (an application jar with its libraries on its class path,
 * which the JDK's AOT cache covers); the jar is copied under the name the base image's entrypoint
 * launches ({@code APP_JAR}).
 */
final class BuildOutputCheck implements Check {

  @Override
  public String name() {
    return "jars and layers";
  }

  @Override
  public List<String> problems(Deployment deployment) {
    var problems = new ArrayList<String>();
    String appJar = deployment.baseEnvironment().get("APP_JAR");
    for (AppImage app : deployment.apps()) {
      String where = deployment.root().relativize(app.dockerfile().path()).toString();
      var pomFile = app.context().resolve("pom.xml");
      if (!Files.exists(pomFile)) {
        problems.add(where + " is built in " + app.context() + ", which is no Maven module");
        continue;
      }
      var jarName = MavenPom.read(pomFile).bootJarName();
      if (jarName.isEmpty()) {
        problems.add(
            deployment.root().relativize(pomFile)
                + " does not repackage a Spring Boot jar with a finalName, yet "
                + where
                + " copies "
                + app.copiedJar());
        continue;
      }
      String built = "target/" + jarName.get() + ".jar";
      if (!app.copiedJar().equals(built)) {
        problems.add(where + " copies " + app.copiedJar() + " but the module packages " + built);
        continue;
      }
      if (!Files.isRegularFile(app.jar().path())) {
        problems.add(
            where
                + " copies "
                + built
                + ", which the build has not produced: run ./mvnw package first");
        continue;
      }
      problems.addAll(layerProblems(where, app));
      String copiedAs =
          app.dockerfile().stages().stream()
              .flatMap(stage -> Dockerfile.copies(stage).stream())
              .filter(copy -> copy.sources().contains(app.copiedJar()))
              .map(Dockerfile.Copy::destination)
              .findFirst()
              .orElse("");
      if (appJar != null && !copiedAs.equals(appJar)) {
        problems.add(
            where
                + " copies "
                + built
                + " as "
                + copiedAs
                + ", but the base image's entrypoint launches "
                + appJar
                + " (APP_JAR)");
      }
    }
    return problems;
  }

  private static List<String> layerProblems(String where, AppImage app) {
    var problems = new ArrayList<String>();
    List<String> layers = app.jar().layers();
    if (layers.isEmpty()) {
      problems.add(app.copiedJar() + " of " + app.service().name() + " has no layers.idx");
      return problems;
    }
    Dockerfile dockerfile = app.dockerfile();
    var copied = new ArrayList<String>();
    String stageName = null;
    for (Dockerfile.Copy copy : Dockerfile.copies(dockerfile.finalStage())) {
      if (copy.from() != null) {
        stageName = copy.from();
        for (String source : copy.sources()) {
          String trimmed = source.replaceAll("/+$", "");
          copied.add(trimmed.substring(trimmed.lastIndexOf('/') + 1));
        }
      }
    }
    if (!copied.equals(layers)) {
      problems.add(
          where
              + " copies the layers "
              + copied
              + " but the jar has "
              + layers
              + " (in this order)");
    }
    if (stageName != null) {
      var stage = dockerfile.stage(stageName);
      boolean extracts =
          stage.isPresent()
              && stage.get().all("RUN").stream()
                  .map(Dockerfile.Instruction::arguments)
                  .anyMatch(
                      run ->
                          run.contains("-Djarmode=tools")
                              && run.contains(" extract")
                              && run.contains("--layers")
                              && !run.contains("--launcher"));
      if (!extracts) {
        problems.add(
            where
                + ": stage "
                + stageName
                + " must split the jar with java -Djarmode=tools -jar … extract --layers, without"
                + " --launcher: the JDK's AOT cache only covers classes on the class path");
      }
    }
    return problems;
  }
}

package dev.scopeml.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service whose image packs a Spring Boot jar from the Maven build.
 *
 * @param service the compose service
 * @param context its build context, which is the Maven module
 * @param dockerfile its Dockerfile
 * @param copiedJar the jar the Dockerfile copies, relative to the context
 * @param jar that jar in the build output
 */
public record AppImage(
    ComposeService service, Path context, Dockerfile dockerfile, String copiedJar, BootJar jar) {

  /**
   * What the app's container has in its environment before the app reads it: the image's {@code
   * ENV}, then compose's {@code environment} with variables at their defaults.
   */
  public Map<String, String> containerEnvironment(Map<String, String> baseImageEnvironment) {
    Map<String, String> environment = imageEnvironment(baseImageEnvironment);
    service
        .environment()
        .forEach((name, value) -> environment.put(name, Interpolation.defaults(value)));
    return environment;
  }

  /** What the image alone sets: the base image's {@code ENV}, then its own. */
  public Map<String, String> imageEnvironment(Map<String, String> baseImageEnvironment) {
    Map<String, String> environment = new LinkedHashMap<>(baseImageEnvironment);
    environment.putAll(Dockerfile.environment(dockerfile.finalStage()));
    return environment;
  }
}

package dev.scopeml.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code nginx/compose/nginx.conf}: the tier controller's template rendered with {@code
 * nginx/compose/nginx.conf.values}. Run it after either changes; {@link NginxConfigCheck} fails
 * until then.
 */
public final class RenderNginxConfig {

  /** How to run this from the repository root. */
  static final String COMMAND =
      "./mvnw -q -pl deploy exec:java -Dexec.mainClass=" + RenderNginxConfig.class.getName();

  private RenderNginxConfig() {}

  /**
   * @param arguments the repository root; without one, the working directory if it holds
   *     docker-compose.yml (Maven run from the root), else its parent (run in the deploy module)
   */
  public static void main(String[] arguments) throws IOException {
    Path here = Path.of("").toAbsolutePath();
    Path root =
        arguments.length > 0
            ? Path.of(arguments[0])
            : Files.exists(here.resolve("docker-compose.yml")) ? here : here.getParent();
    String rendered =
        NginxComposeConfig.render(
            NginxComposeConfig.template(),
            NginxComposeConfig.values(root.resolve(NginxConfigCheck.VALUES)));
    Files.writeString(root.resolve(NginxConfigCheck.CONFIG), rendered);
    System.out.println("wrote " + root.resolve(NginxConfigCheck.CONFIG));
  }
}

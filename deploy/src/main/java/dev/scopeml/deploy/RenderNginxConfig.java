package dev.scopeml.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes each {@code nginx/compose/<name>.conf}: the tier controller's template rendered with
 * {@code <name>.conf.values}. Run it after the template or a values file changes; {@link
 * NginxConfigCheck} fails until then.
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
    for (NginxComposeConfig.Pair pair :
        NginxComposeConfig.pairs(root.resolve(Deployment.NGINX_DIR))) {
      Files.writeString(
          pair.config(), NginxComposeConfig.render(NginxComposeConfig.values(pair.values())));
      System.out.println("wrote " + pair.config());
    }
  }
}

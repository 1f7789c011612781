package dev.scopeml.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes each {@code <name>.conf} of {@code nginx/compose} and of the Kubernetes base's {@code
 * nginx} folder: the tier controller's template rendered with {@code <name>.conf.values}. Run it
 * after the template or a values file changes; {@link NginxConfigCheck} and the Kubernetes nginx
 * ConfigMap check fail until then.
 */
public final class RenderNginxConfig {

  /** How to run this from the repository root. */
  public static final String COMMAND =
      "./mvnw -q -pl deploy exec:java -Dexec.mainClass=" + RenderNginxConfig.class.getName();

  /** The folders holding values files, relative to the repository. */
  static final List<String> FOLDERS = List.of(Deployment.NGINX_DIR, "deploy/kubernetes/base/nginx");

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
    for (String folder : FOLDERS) {
      for (NginxComposeConfig.Pair pair : NginxComposeConfig.pairs(root.resolve(folder))) {
        Files.writeString(
            pair.config(), NginxComposeConfig.render(NginxComposeConfig.values(pair.values())));
        System.out.println("wrote " + pair.config());
      }
    }
  }
}

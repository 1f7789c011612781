package dev.scopeml.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A compose service running nginx with a configuration file mounted from the repository at nginx's
 * default path (so that {@code nginx -t} and {@code nginx -s reload}, which the tier controller
 * runs without {@code -c}, use it).
 *
 * @param service the compose service
 * @param configFile the mounted nginx.conf in the repository
 * @param config its text
 */
record NginxService(ComposeService service, Path configFile, String config) {

  /** Where nginx reads its configuration when started without {@code -c}. */
  public static final String DEFAULT_CONFIG = "/etc/nginx/nginx.conf";

  /** The nginx services of a deployment. */
  public static List<NginxService> in(Deployment deployment) {
    var services = new ArrayList<NginxService>();
    for (ComposeService service : deployment.compose().services().values()) {
      for (ComposeService.Mount mount : service.mounts()) {
        if (mount.target().equals(DEFAULT_CONFIG) && mount.bind()) {
          Path file = deployment.compose().directory().resolve(mount.source()).normalize();
          if (Files.isRegularFile(file)) {
            services.add(new NginxService(service, file, Deployment.read(file)));
          }
        }
      }
    }
    return services;
  }

  /** The ports its configuration listens on. */
  public List<Integer> listenPorts() {
    return new NginxConfigText(config).listenPorts();
  }
}

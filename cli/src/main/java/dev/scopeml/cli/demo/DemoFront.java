package dev.scopeml.cli.demo;

import dev.scopeml.cli.stack.LocalTier;
import dev.scopeml.cli.stack.StackException;
import dev.scopeml.cli.stack.StackPaths;
import dev.scopeml.cli.stack.StackState;
import dev.scopeml.load.TlsTrust;
import dev.scopeml.nginx.Backend;
import dev.scopeml.nginx.TierState;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Where the demo sends its predictions: nginx when it runs (trusting its certificate when it serves
 * HTTPS), else the first scorer, directly.
 *
 * @param url the base URL
 * @param tls the TLS client to use, or null for plain HTTP
 * @param balanced whether nginx is in front
 */
record DemoFront(String url, SSLContext tls, boolean balanced) {

  static DemoFront of(StackState state, StackPaths paths) {
    try (var tier = LocalTier.inspect(paths)) {
      TierState saved = tier.state().orElseThrow(() -> new StackException("no scorer tier"));
      if (state.nginxUrl() != null) {
        SSLContext tls =
            saved.frontDoor().tls() ? TlsTrust.of(saved.frontDoor().certificate()) : null;
        return new DemoFront(state.nginxUrl(), tls, true);
      }
      Backend first =
          saved.backends().stream()
              .findFirst()
              .orElseThrow(() -> new StackException("no scorer runs"));
      return new DemoFront("http://" + first.address(), null, false);
    }
  }

  /** What nginx's absence takes from the demo, and the one command that adds it. */
  static List<String> withoutNginx() {
    boolean root = "root".equals(System.getProperty("user.name"));
    return List.of(
        "  nginx is not installed, so the demo skips what it is for: predictions through one"
            + " address (they go to one scorer directly)",
        "  and the rollout under load with its live count of failed requests (without nginx,"
            + " clients must follow the scorers to their new addresses).",
        "  Add it with: "
            + (root ? "" : "sudo ")
            + "apt-get install nginx   (then ./scopeml down && ./scopeml demo)");
  }
}

package dev.scopeml.testsupport.load;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.Resend;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * The load the scorer-tier tests keep on nginx while they roll out, scale and kill: a few
 * connections sending one predict body with a short pause, for at most two minutes, never resending
 * a request ({@link Resend#NEVER}): a request without a complete response is a failed one, as curl
 * or wrk would count it.
 */
public final class TierLoad {

  private static final Duration AT_MOST = Duration.ofMinutes(2);

  private TierLoad() {}

  /**
   * Starts the load on nginx's port.
   *
   * @param connections concurrent clients
   * @param pause pause between one client's requests
   */
  public static HttpLoad.Running start(
      int nginxPort, String path, String body, int connections, Duration pause) {
    return start(nginxPort, path, body, connections, pause, null);
  }

  /** {@link #start(int, String, String, int, Duration)} over TLS, trusting {@code tls}. */
  public static HttpLoad.Running start(
      int nginxPort, String path, String body, int connections, Duration pause, SSLContext tls) {
    return HttpLoad.start(
        HttpLoad.Settings.of(nginxPort, List.of(HttpRequests.postJson(nginxPort, path, body)))
            .withConnections(connections)
            .withPause(pause)
            .withDuration(AT_MOST)
            .withResend(Resend.NEVER)
            .withTls(tls));
  }
}

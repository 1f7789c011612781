package dev.scopeml.testsupport.load;

import dev.scopeml.load.HttpLoad;
import dev.scopeml.load.HttpRequests;
import dev.scopeml.load.Resend;
import java.time.Duration;
import java.util.List;

/**
 * The load the scorer-tier tests keep on nginx while they roll out, scale, reload and kill: a few
 * connections sending one predict body with a short pause, for at most two minutes. A request whose
 * idle keep-alive connection a retiring nginx worker closed just as it went out is resent once, as
 * HTTP/1.1 allows for an idempotent request, and reported as resent. To count such a request as a
 * plain client would, as a failure, load with {@link HttpLoad} and {@link Resend#NEVER} instead.
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
    return HttpLoad.start(
        HttpLoad.Settings.of(nginxPort, List.of(HttpRequests.postJson(nginxPort, path, body)))
            .withConnections(connections)
            .withPause(pause)
            .withDuration(AT_MOST)
            .withResend(Resend.ONCE_AFTER_CLOSED_CONNECTION));
  }
}

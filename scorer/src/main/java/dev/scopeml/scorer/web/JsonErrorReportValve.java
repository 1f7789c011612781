package dev.scopeml.scorer.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.AbstractProtocol;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answer, for requests it refuses before any servlet sees them (an encoded slash
 * or NUL byte in the path, for one): a JSON error like every other refusal of the scorer, instead
 * of Tomcat's HTML page. Public with a no-argument constructor: Tomcat instantiates it by name.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // The same conditions as Tomcat's page: only errors, only once, only if nothing was written.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    var ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String error = "the request was refused by the web server (status " + status + ")";
    if (status == 400 && arrivedAsTheConnectorPaused(request)) {
      response.setStatus(503);
      error = "the scorer is shutting down: send the request to another scorer";
    }
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write("{\"error\":\"" + error + "\"}");
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response already committed: nothing more to say.
    }
  }

  /**
   * Whether Tomcat refuses a request only because it arrived as the connector paused for shutdown.
   * A request whose line was read just as the pause began is answered 503 without its headers being
   * read; Tomcat then finds no Host header among them and turns the 503 into a 400. The request was
   * well-formed and came too late: answered 503, a load balancer sends it to another scorer, where
   * a 400 would reach the client as its own fault.
   */
  private static boolean arrivedAsTheConnectorPaused(Request request) {
    return request.getConnector().getProtocolHandler() instanceof AbstractProtocol<?> protocol
        && protocol.isPaused()
        && request.getCoyoteRequest().getMimeHeaders().size() == 0;
  }
}

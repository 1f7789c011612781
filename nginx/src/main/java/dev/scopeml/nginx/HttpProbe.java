package dev.scopeml.nginx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a scorer's readiness endpoint whether it takes traffic. */
final class HttpProbe {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  boolean isReady(Backend backend) {
    var request =
        HttpRequest.newBuilder(URI.create("http://" + backend.address() + "/readyz"))
            .timeout(Duration.ofSeconds(2))
            .GET()
            .build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}

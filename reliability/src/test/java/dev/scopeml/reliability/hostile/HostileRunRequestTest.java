package dev.scopeml.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.RegistryFingerprint;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.reliability.SharedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Hostile training requests against a real trainer process (with the admin token: the attacker here
 * holds a valid credential): every one is refused with a 4xx JSON error, and afterwards every row
 * of every ScopeML table and every file of the data directory is as it was.
 */
class HostileRunRequestTest extends ReliabilityTest {

  @Test
  void everyHostileRunRequestIsRefusedAndStoresNothing() {
    SharedStack stack = sharedStack();
    List<HostileRunRequests.Request> requests = HostileRunRequests.all();
    Map<String, String> rowsBefore = RegistryFingerprint.of(stack.dataSource());
    List<String> filesBefore = files(stack.dataDirectory());

    var statuses = new TreeMap<Integer, Integer>();
    var wrong = new ArrayList<String>();
    for (HostileRunRequests.Request request : requests) {
      Http.Reply reply;
      try {
        reply = admin(stack.trainer(), "POST", "/v1/runs", request.body());
      } catch (UncheckedIOException e) {
        wrong.add(request.what() + " → no answer: " + e.getMessage());
        continue;
      }
      statuses.merge(reply.status(), 1, Integer::sum);
      boolean jsonError = isJsonError(reply);
      if (reply.status() < 400 || reply.status() >= 500 || !jsonError) {
        String body = reply.body().length() > 200 ? reply.body().substring(0, 200) : reply.body();
        wrong.add(request.what() + " → " + reply.status() + " " + body);
      }
    }

    assertThat(wrong).as("hostile run requests not refused with a 4xx JSON error").isEmpty();
    assertThat(RegistryFingerprint.of(stack.dataSource()))
        .as("every row of every ScopeML table")
        .isEqualTo(rowsBefore);
    assertThat(files(stack.dataDirectory()))
        .as("files in the data directory")
        .isEqualTo(filesBefore);
    assertThat(Http.statusOf(stack.trainer().uri("/actuator/health"))).isEqualTo(200);
    CaseReport.record(
        "hostile",
        "hostile training requests (path traversal, SQL injection in scope values and column"
            + " names, unknown algorithms, absurd parameters)",
        requests.size(),
        wrong.size(),
        "answers "
            + statuses
            + "; rows of the 7 ScopeML tables and data directory files"
            + " unchanged",
        getClass().getSimpleName());
  }

  private static boolean isJsonError(Http.Reply reply) {
    try {
      return reply.json().path("error").isString();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static List<String> files(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.map(p -> root.relativize(p).toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.scopeml.scorer.bench;

import dev.scopeml.scorer.web.JsonAnswer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /bench/constant}: reads the request body and answers a fixed small JSON document.
 * Only present with {@code scopeml.scorer.benchmark-endpoint=true}; the HTTP benchmark sends it the
 * same bodies as the predict endpoint, so the difference between the two is the prediction itself
 * (parsing, encoding, trees, response), not Tomcat, nginx or the network.
 */
@RestController
@ConditionalOnProperty(name = "scopeml.scorer.benchmark-endpoint", havingValue = "true")
class ConstantEndpoint {

  private static final byte[] ANSWER = "{\"constant\":true}".getBytes(StandardCharsets.UTF_8);

  @PostMapping("/bench/constant")
  void constant(HttpServletRequest request, HttpServletResponse response) throws IOException {
    // Read the body and write the answer as the predict endpoint does, so both pay alike for
    // receiving and answering: the difference is the prediction itself.
    request.getInputStream().readAllBytes();
    JsonAnswer.ok(response, ANSWER);
  }
}

package dev.scopeml.scorer.bench;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
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

  private static final String ANSWER = "{\"constant\":true}";

  @PostMapping("/bench/constant")
  ResponseEntity<String> constant(HttpServletRequest request) throws IOException {
    // Read the body like the predict endpoint does, so both pay for receiving it.
    request.getInputStream().readAllBytes();
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ANSWER);
  }
}

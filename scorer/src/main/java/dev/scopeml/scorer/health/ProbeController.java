package dev.scopeml.scorer.health;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /readyz} and {@code /livez} on both listeners, for the tier controller, compose
 * healthchecks and clients that probe: 200 when ready (or live), 503 otherwise.
 */
@RestController
class ProbeController {

  private final Readiness readiness;

  ProbeController(Readiness readiness) {
    this.readiness = readiness;
  }

  @GetMapping("/readyz")
  ResponseEntity<Map<String, Object>> ready() {
    boolean ready = readiness.isReady();
    return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("ready", ready, "state", readiness.state()));
  }

  @GetMapping("/livez")
  ResponseEntity<Map<String, Object>> live() {
    boolean live = readiness.isLive();
    return ResponseEntity.status(live ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
        .body(Map.of("live", live));
  }
}

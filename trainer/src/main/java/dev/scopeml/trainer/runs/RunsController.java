package dev.scopeml.trainer.runs;

import dev.scopeml.trainer.api.ApiException;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The run API: submit, list, show and cancel training runs. */
@RestController
@RequestMapping("/v1/runs")
class RunsController {

  private final RunService runs;

  RunsController(RunService runs) {
    this.runs = runs;
  }

  /** 202: the run is queued; the body has its id, status and number of tasks. */
  @PostMapping
  ResponseEntity<RunView> submit(@RequestBody(required = false) RunRequest request) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(runs.submit(request));
  }

  /** The newest runs first, without their scopes. */
  @GetMapping
  List<RunView> list(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit must be between 1 and 500").with("field", "limit");
    }
    return runs.list(limit);
  }

  @GetMapping("/{run}")
  RunView get(@PathVariable UUID run) {
    return runs.get(run);
  }

  /** Cancels pending tasks at once; running tasks end as cancelled at their next check. */
  @PostMapping("/{run}/cancel")
  RunView cancel(@PathVariable UUID run) {
    return runs.cancel(run);
  }
}

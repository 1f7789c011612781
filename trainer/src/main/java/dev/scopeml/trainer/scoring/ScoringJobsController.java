package dev.scopeml.trainer.scoring;

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

/** The scoring job API: submit, list, show and cancel batch scoring jobs. */
@RestController
@RequestMapping("/v1/scoring-jobs")
class ScoringJobsController {

  private final ScoringJobService jobs;

  ScoringJobsController(ScoringJobService jobs) {
    this.jobs = jobs;
  }

  /** 202: the job is queued; the body has its id, status, rows and chunks. */
  @PostMapping
  ResponseEntity<JobView> submit(@RequestBody(required = false) ScoringJobRequest request) {
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(jobs.submit(request));
  }

  /** The newest jobs first, without their chunks. */
  @GetMapping
  List<JobView> list(@RequestParam(defaultValue = "20") int limit) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badRequest("limit must be between 1 and 500").with("field", "limit");
    }
    return jobs.list(limit);
  }

  @GetMapping("/{job}")
  JobView get(@PathVariable UUID job) {
    return jobs.get(job);
  }

  /** Cancels pending chunks at once; running chunks end at their next check. */
  @PostMapping("/{job}/cancel")
  JobView cancel(@PathVariable UUID job) {
    return jobs.cancel(job);
  }
}

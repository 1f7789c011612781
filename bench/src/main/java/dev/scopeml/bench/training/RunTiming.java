package dev.scopeml.bench.training;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Where a finished run's time went, from the trainer's run view.
 *
 * @param wallSeconds from submission to the end of the last task
 * @param tasks tasks of the run
 * @param taskSeconds the tasks' own durations, summed
 * @param phases seconds per stage (load, split, encode, fit, evaluate, envelope, store), summed
 */
record RunTiming(double wallSeconds, int tasks, double taskSeconds, Map<String, Double> phases) {

  static final List<String> PHASES =
      List.of("load", "split", "encode", "fit", "evaluate", "envelope", "store");

  static RunTiming of(JsonNode run) {
    double wall =
        Duration.between(
                    Instant.parse(run.get("createdAt").asString()),
                    Instant.parse(run.get("finishedAt").asString()))
                .toNanos()
            / 1e9;
    var phases = new LinkedHashMap<String, Double>();
    PHASES.forEach(phase -> phases.put(phase, 0.0));
    double taskSeconds = 0;
    int tasks = 0;
    for (JsonNode scope : run.get("scopes")) {
      tasks++;
      taskSeconds += scope.path("seconds").asDouble();
      JsonNode timings = scope.path("timings");
      for (String phase : PHASES) {
        phases.merge(phase, timings.path(phase).asDouble(), Double::sum);
      }
    }
    return new RunTiming(wall, tasks, taskSeconds, phases);
  }

  /** The share of task time not spent in the fit itself. */
  double outsideFit() {
    return (taskSeconds - phases.get("fit")) / taskSeconds;
  }
}

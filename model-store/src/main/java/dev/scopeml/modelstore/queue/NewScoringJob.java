package dev.scopeml.modelstore.queue;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A scoring job to enqueue.
 *
 * @param id the job id
 * @param model the model it scores with
 * @param spec the job as planned, as JSON; the queue stores it and hands it to workers unread
 * @param maxErrors the most rejected rows the job tolerates; one more fails it
 * @param slices one rows chunk per slice of the input, each a JSON document the queue hands back
 *     unread with the claimed chunk
 * @param maxAttempts how many times a chunk may be claimed before it fails for good
 * @param engine what scores its rows chunks: a Spark job has one, which its application holds
 */
public record NewScoringJob(
    UUID id,
    String model,
    String spec,
    long maxErrors,
    List<String> slices,
    int maxAttempts,
    Engine engine) {

  /** A job the trainers' workers score. */
  public NewScoringJob(
      UUID id, String model, String spec, long maxErrors, List<String> slices, int maxAttempts) {
    this(id, model, spec, maxErrors, slices, maxAttempts, Engine.TRAINER);
  }

  public NewScoringJob {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(spec, "spec");
    slices = List.copyOf(slices);
    if (slices.isEmpty()) {
      throw new IllegalArgumentException("a job needs at least one slice");
    }
    if (maxErrors < 0) {
      throw new IllegalArgumentException("maxErrors must be 0 or more");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }
}

package dev.scopeml.scorer.scoring;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a prediction request has resolved so far, kept as a request attribute so that a refusal can
 * be counted under the model and scope it concerned.
 */
public final class Observation {

  static final String ATTRIBUTE = Observation.class.getName();

  private final String api;
  private final long startNanos = System.nanoTime();
  private String model = PredictionMetrics.UNKNOWN;
  private String scope = PredictionMetrics.UNKNOWN;

  private Observation(String api) {
    this.api = api;
  }

  /**
   * Starts observing a request.
   *
   * @param api {@code predict} or {@code infer}
   */
  public static Observation begin(HttpServletRequest request, String api) {
    var observation = new Observation(api);
    request.setAttribute(ATTRIBUTE, observation);
    return observation;
  }

  static Observation of(HttpServletRequest request) {
    return (Observation) request.getAttribute(ATTRIBUTE);
  }

  /** The request's model is known to the registry. */
  public void model(String name) {
    this.model = name;
  }

  /** The request is answered by (at least) this scope. */
  public void scope(String canonical) {
    this.scope = canonical;
  }

  public String api() {
    return api;
  }

  public String model() {
    return model;
  }

  public String scope() {
    return scope;
  }

  public long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }
}

package dev.scopeml.reliability.access;

import java.util.List;

/**
 * Ways to spell a request that predicts, or that reaches other scorer paths, which a protection
 * keyed on the path might not recognize: each must either meet the protection or not pass the front
 * door at all.
 */
final class PredictBypasses {

  /**
   * One way.
   *
   * @param name what it tries
   * @param method the HTTP method
   * @param path the request target as sent
   */
  record Bypass(String name, String method, String path) {}

  private PredictBypasses() {}

  /** Every spelling, for the model {@code model} whose active version is {@code version}. */
  static List<Bypass> of(String model, int version) {
    String predict = "/v1/models/" + model + "/predict";
    return List.of(
        new Bypass("predict", "POST", predict),
        new Bypass("infer", "POST", "/v2/models/" + model + "/infer"),
        new Bypass(
            "versioned infer", "POST", "/v2/models/" + model + "/versions/" + version + "/infer"),
        new Bypass("path parameter", "POST", predict + ";x=1"),
        new Bypass("path parameter on the model", "POST", "/v1/models/" + model + ";x=1/predict"),
        new Bypass("encoded ;", "POST", predict + "%3Bx=1"),
        new Bypass("doubled slashes", "POST", "//v1//models/" + model + "//predict"),
        new Bypass("percent-encoded letter", "POST", "/v1/models/" + model + "/%70redict"),
        new Bypass("encoded slash", "POST", "/v1/models/" + model + "%2Fpredict"),
        new Bypass("dot segment", "POST", "/./v1/models/" + model + "/predict"),
        new Bypass("dot-dot segment", "POST", "/x/../v1/models/" + model + "/predict"),
        new Bypass("trailing slash", "POST", predict + "/"),
        new Bypass("upper case", "POST", "/V1/models/" + model + "/predict"),
        new Bypass("GET", "GET", predict),
        new Bypass("HEAD", "HEAD", predict),
        new Bypass("metrics", "GET", "/actuator/prometheus"),
        new Bypass("model metadata", "GET", "/v2/models/" + model),
        new Bypass("server metadata", "GET", "/v2"));
  }
}

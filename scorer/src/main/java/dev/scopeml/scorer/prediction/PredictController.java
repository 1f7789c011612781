package dev.scopeml.scorer.prediction;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.scorer.config.ScorerProperties;
import dev.scopeml.scorer.modelcache.ModelResolver;
import dev.scopeml.scorer.scoring.Observation;
import dev.scopeml.scorer.scoring.PredictionMetrics;
import dev.scopeml.scorer.scoring.ScopeGroup;
import dev.scopeml.scorer.scoring.Scoring;
import dev.scopeml.scorer.web.JsonAnswer;
import dev.scopeml.scorer.web.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/models/{model}/predict}: rows in, class probabilities out, each answered by the
 * active version of its scope (or the global model as a fallback). The {@code X-Model-Version}
 * header lists the versions that answered.
 */
@RestController
class PredictController {

  static final String MODEL_VERSION_HEADER = "X-Model-Version";
  private static final String API = "predict";

  private final RequestBodies bodies;
  private final ModelResolver resolver;
  private final Scoring scoring;
  private final PredictionMetrics metrics;
  private final int maxInstances;

  PredictController(
      RequestBodies bodies,
      ModelResolver resolver,
      Scoring scoring,
      PredictionMetrics metrics,
      ScorerProperties properties) {
    this.bodies = bodies;
    this.resolver = resolver;
    this.scoring = scoring;
    this.metrics = metrics;
    this.maxInstances = properties.maxInstances();
  }

  @PostMapping(path = "/v1/models/{model}/predict", produces = MediaType.APPLICATION_JSON_VALUE)
  void predict(
      @PathVariable("model") String model, HttpServletRequest http, HttpServletResponse response)
      throws IOException {
    Observation observation = Observation.begin(http, API);
    Object body = bodies.readJson(http);
    ModelFamily family = resolver.family(model);
    observation.model(family.name());
    PredictRequest request = PredictRequest.from(body, maxInstances);
    List<Map<String, Object>> instances = request.instances();

    ScopeKey[] scopes = request.scopes(family);
    List<ScopeGroup> groups = scoring.group(family.name(), scopes);
    observation.scope(groups.get(0).resolution().model().key().scope().toString());

    var probabilities = new double[groups.size()][];
    var versions = new TreeSet<Integer>();
    for (int g = 0; g < groups.size(); g++) {
      ScopeGroup group = groups.get(g);
      probabilities[g] = scoring.predict(group, request::encode);
      versions.add(group.resolution().model().version());
    }
    byte[] answer = PredictResponse.json(family.name(), groups, probabilities, instances.size());
    metrics.success(
        API,
        family.name(),
        groups.stream().map(g -> g.resolution().model().key().scope().toString()).toList(),
        observation.elapsedNanos());
    response.setHeader(MODEL_VERSION_HEADER, join(versions));
    JsonAnswer.ok(response, answer);
  }

  private static String join(TreeSet<Integer> versions) {
    var text = new StringBuilder();
    for (Integer version : versions) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(version);
    }
    return text.toString();
  }
}

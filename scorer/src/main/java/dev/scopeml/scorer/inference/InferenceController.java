package dev.scopeml.scorer.inference;

import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.scorer.config.ScorerProperties;
import dev.scopeml.scorer.health.Readiness;
import dev.scopeml.scorer.modelcache.LoadedModel;
import dev.scopeml.scorer.modelcache.ModelResolver;
import dev.scopeml.scorer.scoring.Observation;
import dev.scopeml.scorer.scoring.PredictionMetrics;
import dev.scopeml.scorer.scoring.RowOrder;
import dev.scopeml.scorer.scoring.ScopeGroup;
import dev.scopeml.scorer.scoring.Scoring;
import dev.scopeml.scorer.web.BadRequestException;
import dev.scopeml.scorer.web.NotFoundException;
import dev.scopeml.scorer.web.RequestBodies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol v2 over REST, so that a client written for KServe, Triton or MLServer
 * works unchanged: server health and metadata, model metadata and readiness, and inference. A model
 * "version" in a path must be the version that answers the request's scope; without one, the active
 * version of each scope answers.
 */
@RestController
class InferenceController {

  private static final String API = "infer";
  private static final String LABEL = "label";
  private static final String PROBABILITIES = "probabilities";
  private static final String SCOPE = "scope";
  private static final String VERSION = "version";
  private static final Set<String> OUTPUTS = Set.of(LABEL, PROBABILITIES, SCOPE, VERSION);

  private final RequestBodies bodies;
  private final ModelResolver resolver;
  private final Scoring scoring;
  private final PredictionMetrics metrics;
  private final Readiness readiness;
  private final String scorerVersion;
  private final int maxInstances;

  InferenceController(
      RequestBodies bodies,
      ModelResolver resolver,
      Scoring scoring,
      PredictionMetrics metrics,
      Readiness readiness,
      ScorerProperties properties) {
    this.bodies = bodies;
    this.resolver = resolver;
    this.scoring = scoring;
    this.metrics = metrics;
    this.readiness = readiness;
    this.scorerVersion = properties.version();
    this.maxInstances = properties.maxInstances();
  }

  @GetMapping({"/v2", "/v2/"})
  ServerMetadata server() {
    return new ServerMetadata("scopeml-scorer", scorerVersion, List.of());
  }

  @GetMapping("/v2/health/live")
  ResponseEntity<Map<String, Boolean>> live() {
    boolean live = readiness.isLive();
    return ResponseEntity.status(live ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
        .body(Map.of("live", live));
  }

  /** Not ready is a 4xx, as the protocol specifies, not a 5xx. */
  @GetMapping("/v2/health/ready")
  ResponseEntity<Map<String, Boolean>> ready() {
    boolean ready = readiness.isReady();
    return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
        .body(Map.of("ready", ready));
  }

  @GetMapping({"/v2/models/{model}", "/v2/models/{model}/versions/{version}"})
  ModelMetadata metadata(
      @PathVariable("model") String model,
      @PathVariable(name = "version", required = false) String version) {
    ModelFamily family = resolver.family(model);
    Set<Integer> active = resolver.activeVersions(family.name());
    if (version != null) {
      requireActive(family, active, version);
    }
    var inputs = new ArrayList<TensorMetadata>();
    for (Feature feature : family.schema().features()) {
      inputs.add(
          new TensorMetadata(
              feature.name(), feature.kind() == FeatureKind.NUMERIC ? "FP64" : "BYTES", rows()));
    }
    for (String column : family.scopeColumns()) {
      inputs.add(new TensorMetadata(column, "BYTES", rows()));
    }
    int classes = family.classes().size();
    var outputs =
        List.of(
            new TensorMetadata(LABEL, "BYTES", rows()),
            new TensorMetadata(PROBABILITIES, "FP64", new int[] {-1, classes}),
            new TensorMetadata(SCOPE, "BYTES", rows()),
            new TensorMetadata(VERSION, "INT64", rows()));
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put("scope_columns", family.scopeColumns());
    parameters.put("classes", family.classes());
    parameters.put("encoded_features", family.schema().encodedNames());
    return new ModelMetadata(
        family.name(),
        active.stream().map(String::valueOf).toList(),
        "scopeml",
        inputs,
        outputs,
        parameters);
  }

  @GetMapping({"/v2/models/{model}/ready", "/v2/models/{model}/versions/{version}/ready"})
  ResponseEntity<Map<String, Object>> modelReady(
      @PathVariable("model") String model,
      @PathVariable(name = "version", required = false) String version) {
    ModelFamily family = resolver.family(model);
    if (version != null) {
      requireActive(family, resolver.activeVersions(family.name()), version);
    }
    boolean ready = readiness.isReady() && resolver.isModelReady(family.name());
    return ResponseEntity.status(ready ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
        .body(Map.of("name", family.name(), "ready", ready));
  }

  @PostMapping({"/v2/models/{model}/infer", "/v2/models/{model}/versions/{version}/infer"})
  ResponseEntity<InferResponse> infer(
      @PathVariable("model") String model,
      @PathVariable(name = "version", required = false) String version,
      HttpServletRequest http) {
    Observation observation = Observation.begin(http, API);
    Object body = bodies.readJson(http);
    ModelFamily family = resolver.family(model);
    observation.model(family.name());
    if (version != null) {
      requireActive(family, resolver.activeVersions(family.name()), version);
    }
    InferRequest request = InferRequest.from(body, (long) maxInstances * 4096);
    List<String> wanted = requestedOutputs(request);
    InferenceInputs inputs = InferenceInputs.of(request, family, maxInstances);

    List<ScopeGroup> groups = scoring.group(family.name(), inputs.scopes());
    observation.scope(groups.get(0).resolution().model().key().scope().toString());
    if (version != null) {
      requireAnswering(family, groups, version);
    }
    int rows = inputs.rowCount();
    List<String> classes = family.classes();
    var probabilities = new double[rows * classes.size()];
    var labels = new String[rows];
    var scopes = new String[rows];
    var versions = new long[rows];
    var answering = new TreeSet<Integer>();
    var answeringScopes = new TreeSet<String>();
    boolean fallback = false;
    var scored = new double[groups.size()][];
    var slots = new int[groups.size()][];
    var scopeOfGroup = new String[groups.size()];
    for (int g = 0; g < groups.size(); g++) {
      ScopeGroup group = groups.get(g);
      LoadedModel loaded = group.resolution().model();
      scored[g] = scoring.predict(group, inputs.writer());
      slots[g] = classSlots(loaded, classes);
      scopeOfGroup[g] = loaded.key().scope().toString();
      answering.add(loaded.version());
      answeringScopes.add(scopeOfGroup[g]);
      fallback |= group.resolution().fallback();
    }
    RowOrder order = RowOrder.of(groups, rows);
    for (int row = 0; row < rows; row++) {
      int g = order.group(row);
      int i = order.indexInGroup(row);
      LoadedModel loaded = groups.get(g).resolution().model();
      int[] slot = slots[g];
      for (int c = 0; c < slot.length; c++) {
        probabilities[row * classes.size() + slot[c]] = scored[g][i * slot.length + c];
      }
      labels[row] = loaded.className(Scoring.argmax(scored[g], i, slot.length));
      scopes[row] = scopeOfGroup[g];
      versions[row] = loaded.version();
    }
    var outputs = new ArrayList<OutputTensor>(4);
    for (String name : wanted) {
      outputs.add(
          switch (name) {
            case LABEL -> new OutputTensor(LABEL, "BYTES", new int[] {rows}, labels);
            case PROBABILITIES ->
                new OutputTensor(
                    PROBABILITIES, "FP64", new int[] {rows, classes.size()}, probabilities);
            case SCOPE -> new OutputTensor(SCOPE, "BYTES", new int[] {rows}, scopes);
            default -> new OutputTensor(VERSION, "INT64", new int[] {rows}, versions);
          });
    }
    String versionText = join(answering);
    var parameters = new LinkedHashMap<String, Object>();
    parameters.put(SCOPE, String.join(";", answeringScopes));
    parameters.put("fallback", fallback);
    metrics.success(API, family.name(), answeringScopes, observation.elapsedNanos());
    return ResponseEntity.ok()
        .header("X-Model-Version", versionText)
        .body(new InferResponse(family.name(), versionText, request.id(), parameters, outputs));
  }

  private static List<String> requestedOutputs(InferRequest request) {
    if (request.outputs().isEmpty()) {
      return List.of(LABEL, PROBABILITIES, SCOPE, VERSION);
    }
    for (int i = 0; i < request.outputs().size(); i++) {
      String name = request.outputs().get(i);
      if (!OUTPUTS.contains(name)) {
        throw new BadRequestException(
            "outputs[" + i + "].name",
            "output '" + name + "' does not exist; outputs are " + new TreeSet<>(OUTPUTS));
      }
    }
    return request.outputs();
  }

  /** Per class of {@code loaded}, its column in the family's class order. */
  private static int[] classSlots(LoadedModel loaded, List<String> classes) {
    int[] slots = new int[loaded.classCount()];
    for (int c = 0; c < slots.length; c++) {
      slots[c] = classes.indexOf(loaded.className(c));
      if (slots[c] < 0) {
        throw new IllegalStateException(
            loaded + " predicts class '" + loaded.className(c) + "' unknown to its model family");
      }
    }
    return slots;
  }

  private static void requireActive(ModelFamily family, Set<Integer> active, String version) {
    if (!version.matches("\\d{1,9}") || !active.contains(Integer.parseInt(version))) {
      throw new NotFoundException(
          "version",
          "model '" + family.name() + "' has no active version '" + printable(version) + "'");
    }
  }

  private static void requireAnswering(
      ModelFamily family, List<ScopeGroup> groups, String version) {
    for (ScopeGroup group : groups) {
      LoadedModel loaded = group.resolution().model();
      if (!String.valueOf(loaded.version()).equals(version)) {
        throw new NotFoundException(
            "version",
            "model '"
                + family.name()
                + "' answers scope '"
                + group.requested()
                + "' with version "
                + loaded.version()
                + ", not '"
                + printable(version)
                + "'");
      }
    }
  }

  private static String printable(String text) {
    String cut = text.length() > 32 ? text.substring(0, 32) + "…" : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static int[] rows() {
    return new int[] {-1};
  }

  private static String join(Set<Integer> versions) {
    var text = new StringBuilder();
    for (Integer v : versions) {
      if (!text.isEmpty()) {
        text.append(',');
      }
      text.append(v);
    }
    return text.toString();
  }
}

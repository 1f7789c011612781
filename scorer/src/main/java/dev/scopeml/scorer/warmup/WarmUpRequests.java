package dev.scopeml.scorer.warmup;

import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.modelstore.registry.ModelVersion;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.schema.FeatureKind;
import dev.scopeml.scorer.modelcache.LoadedModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests a warm-up replays, made of the reference rows stored with the loaded versions (the
 * holdout rows the trainer kept to verify each version): for a few versions, one model of each
 * family first, single-row and batch predictions and single-row inference with named inputs, as
 * clients send them.
 */
final class WarmUpRequests {

  /** Versions whose rows are replayed: the request path is the same for every version. */
  private static final int VERSIONS = 8;

  private static final int SINGLE_ROWS = 4;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WarmUpRequests() {}

  /** The requests for {@code loaded}, reading their reference rows from {@code store}. */
  static List<WarmUpRequest> of(List<LoadedModel> loaded, ModelStore store) {
    var requests = new ArrayList<WarmUpRequest>();
    for (LoadedModel model : sample(loaded)) {
      Optional<ModelVersion> version =
          store.version(model.key().model(), model.key().scope(), model.version());
      List<Map<String, Object>> rows = version.map(v -> v.reference().rows()).orElse(List.of());
      if (rows.isEmpty()) {
        continue;
      }
      String scope = model.key().scope().toString();
      String name = model.key().model();
      for (Map<String, Object> row : rows.subList(0, Math.min(SINGLE_ROWS, rows.size()))) {
        requests.add(predict(name, scope, List.of(row)));
        requests.add(infer(name, scope, model, row));
      }
      requests.add(predict(name, scope, rows));
    }
    return requests;
  }

  /** Up to {@link #VERSIONS} versions, one of each model before a second of any. */
  private static List<LoadedModel> sample(List<LoadedModel> loaded) {
    var ordered = new ArrayList<>(loaded);
    ordered.sort(Comparator.comparing((LoadedModel m) -> m.key().toString()));
    var chosen = new ArrayList<LoadedModel>();
    var models = new HashSet<String>();
    for (LoadedModel model : ordered) {
      if (chosen.size() < VERSIONS && models.add(model.key().model())) {
        chosen.add(model);
      }
    }
    for (LoadedModel model : ordered) {
      if (chosen.size() < VERSIONS && !chosen.contains(model)) {
        chosen.add(model);
      }
    }
    return chosen;
  }

  private static WarmUpRequest predict(String model, String scope, List<Map<String, Object>> rows) {
    var body = new LinkedHashMap<String, Object>();
    body.put("scope", scope);
    body.put("instances", rows);
    return new WarmUpRequest("/v1/models/" + model + "/predict", JSON.writeValueAsString(body));
  }

  /** Open Inference Protocol named inputs: one tensor of shape [1] per feature. */
  private static WarmUpRequest infer(
      String model, String scope, LoadedModel loaded, Map<String, Object> row) {
    var inputs = new ArrayList<Map<String, Object>>();
    for (Feature feature : loaded.schema().features()) {
      boolean numeric = feature.kind() == FeatureKind.NUMERIC;
      var data = new ArrayList<Object>();
      data.add(numeric ? number(row.get(feature.name())) : text(row.get(feature.name())));
      var input = new LinkedHashMap<String, Object>();
      input.put("name", feature.name());
      input.put("datatype", numeric ? "FP64" : "BYTES");
      input.put("shape", List.of(1));
      input.put("data", data);
      inputs.add(input);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("parameters", Map.of("scope", scope));
    body.put("inputs", inputs);
    return new WarmUpRequest("/v2/models/" + model + "/infer", JSON.writeValueAsString(body));
  }

  private static Double number(Object value) {
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    try {
      return value == null ? null : Double.valueOf(value.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}

package dev.scopeml.nginx;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.learning.fitting.FitSpec;
import dev.scopeml.learning.fitting.ScopeFitter;
import dev.scopeml.learning.fitting.ScopeModel;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/** A small real model for the tier tests: XGBoost on telco churn, stored and promoted per scope. */
public final class TelcoModels {

  public static final String MODEL = "churn";
  public static final ScopeKey SCOPE = ScopeKey.of("contract", "One year");

  private TelcoModels() {}

  /** Trains, stores and promotes a model for {@link #SCOPE}; returns a predict request body. */
  public static String storeAndPromote(DataSource dataSource) {
    DataTable table = CsvReader.read(Path.of("../datasets/telco_churn.csv"));
    Algorithm xgboost = Algorithms.byName("xgboost");
    FitSpec spec =
        FitSpec.inferred(
            table,
            "churn",
            List.of("contract"),
            xgboost,
            xgboost.validate(Map.of("trees", 20, "maxDepth", 4)),
            0.2,
            42,
            4,
            20);
    DataTable data = table.withNumbers(spec.numericFeatures());
    String[] contracts = data.text("contract");
    int[] rows =
        IntStream.range(0, data.size()).filter(r -> "One year".equals(contracts[r])).toArray();
    ScopeModel model = new ScopeFitter(spec).fitScope(data, spec.labels(data), rows);
    var store = new JdbcModelStore(dataSource);
    store.registerFamily(ModelFamily.of(MODEL, List.of("contract"), model.schema().schema()));
    var version =
        store.saveVersion(model.version(MODEL, SCOPE, null, "telco_churn.csv", Instant.now()));
    store.promote(MODEL, SCOPE, version.version(), "tier-test", "fixture");
    Map<String, Object> instance = new HashMap<>(table.row(rows[0]));
    instance.remove("churn");
    return JsonMapper.builder()
        .build()
        .writeValueAsString(Map.of("scope", SCOPE.values(), "instances", List.of(instance)));
  }
}

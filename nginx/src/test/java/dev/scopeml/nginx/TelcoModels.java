package dev.scopeml.nginx;

import dev.scopeml.learning.algorithm.Algorithm;
import dev.scopeml.learning.algorithm.Algorithms;
import dev.scopeml.learning.algorithm.FittedModel;
import dev.scopeml.learning.algorithm.TrainingSet;
import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.CsvTable;
import dev.scopeml.learning.data.SchemaInference;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelFamily;
import dev.scopeml.modelstore.registry.NewModelVersion;
import dev.scopeml.modelstore.registry.Provenance;
import dev.scopeml.modelstore.registry.ReferenceSample;
import dev.scopeml.modelstore.schema.FeatureSchema;
import dev.scopeml.modelstore.schema.UnknownCategories;
import dev.scopeml.modelstore.scope.ScopeKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import tools.jackson.databind.json.JsonMapper;

/** A small real model for the tier tests: XGBoost on telco churn, stored and promoted per scope. */
public final class TelcoModels {

  public static final String MODEL = "churn";
  public static final ScopeKey SCOPE = ScopeKey.of("contract", "One year");

  private TelcoModels() {}

  /** Trains, stores and promotes a model for {@link #SCOPE}; returns a predict request body. */
  public static String storeAndPromote(DataSource dataSource) {
    CsvTable table = CsvReader.read(Path.of("../datasets/telco_churn.csv")).withoutMissing("churn");
    List<String> features =
        SchemaInference.allFeatures(table, "churn").stream()
            .filter(column -> !column.equals("contract"))
            .toList();
    Algorithm xgboost = Algorithms.byName("xgboost");
    FeatureSchema schema =
        SchemaInference.infer(
            table, "churn", features, xgboost.missingValues(), UnknownCategories.AS_MISSING);
    List<Map<String, Object>> rows =
        table.rowMaps().stream().filter(row -> "One year".equals(row.get("contract"))).toList();
    TrainingSet data = TrainingSet.encode(schema, rows);
    Map<String, Object> params = xgboost.validate(Map.of("trees", 20, "maxDepth", 4));
    FittedModel fitted = xgboost.fit(data, params, 42);
    var store = new JdbcModelStore(dataSource);
    store.registerFamily(ModelFamily.of(MODEL, List.of("contract"), schema));
    var version =
        store.saveVersion(
            new NewModelVersion(
                MODEL,
                SCOPE,
                xgboost.name(),
                params,
                Map.of(),
                schema,
                ReferenceSample.empty(),
                new Provenance(
                    null,
                    "telco_churn.csv",
                    rows.size(),
                    0,
                    Instant.now(),
                    fitted.library(),
                    Runtime.version().toString()),
                fitted.envelope()));
    store.promote(MODEL, SCOPE, version.version(), "tier-test", "fixture");
    Map<String, Object> instance = new java.util.HashMap<>(rows.getFirst());
    instance.remove("churn");
    return JsonMapper.builder()
        .build()
        .writeValueAsString(Map.of("scope", SCOPE.values(), "instances", List.of(instance)));
  }
}

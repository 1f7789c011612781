package dev.scopeml.reliability.hostile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Training run requests built to break out of the trainer: path traversal in every field that could
 * name a file, SQL injection in every field that could reach a query or an identifier, unknown
 * algorithms, and hyperparameters and settings far outside their ranges. Each is a valid run
 * request with one field replaced, so only that field can be the reason it is refused.
 */
final class HostileRunRequests {

  /**
   * One request.
   *
   * @param what the field and the hostile value, for messages
   * @param body the JSON body (a Map, or raw text)
   */
  record Request(String what, Object body) {}

  static final List<String> TRAVERSALS =
      List.of(
          "../../etc/passwd",
          "..\\..\\..\\windows\\win.ini",
          "/etc/passwd",
          "/dev/zero",
          "/proc/self/environ",
          "....//....//etc/passwd",
          "%2e%2e/%2e%2e/etc/passwd",
          "..%2f..%2fetc%2fpasswd",
          "..%252f..%252fetc%252fpasswd",
          "telco_churn.csv\u0000.txt",
          "uploads/../../../../etc/passwd",
          "file:///etc/passwd",
          "~/.ssh/id_rsa",
          "\\\\127.0.0.1\\share\\x.csv",
          "．．/．．/etc/passwd",
          "uploads/",
          ".",
          "");

  static final List<String> INJECTIONS =
      List.of(
          "x' OR '1'='1",
          "'; DROP TABLE model_versions; --",
          "\" OR 1=1 --",
          "churn\"; DELETE FROM training_runs; --",
          "1; SELECT pg_sleep(30)",
          "$$; TRUNCATE activations; $$",
          "') UNION SELECT artifact FROM model_versions --",
          "\\'; UPDATE activations SET active = false; --",
          "contract\u0000",
          "pg_catalog.pg_authid",
          "public.model_versions WHERE 1=1",
          "(SELECT string_agg(rolpassword, ',') FROM pg_authid)",
          "${jndi:ldap://127.0.0.1:1/x}");

  static final List<String> ALGORITHMS =
      List.of(
          "deep-magic",
          "XGBOOST",
          "xgboost ",
          "java.lang.Runtime",
          "../xgboost",
          "xgboost; rm -rf /",
          "",
          "null",
          "xgboost\u0000");

  /** The registry's model name pattern (migration V1). */
  private static final Pattern LEGAL_MODEL_NAME =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private HostileRunRequests() {}

  /** Every request. */
  static List<Request> all() {
    var requests = new ArrayList<Request>();
    for (String path : TRAVERSALS) {
      requests.add(with("source.csv", path, run -> run.put("source", Map.of("csv", path))));
      requests.add(with("model", path, run -> run.put("model", path)));
      requests.add(with("label", path, run -> run.put("label", path)));
      requests.add(with("jdbc table", path, run -> run.put("source", jdbc("table", path))));
    }
    for (String sql : INJECTIONS) {
      requests.add(
          with("scope value", sql, run -> run.put("scopes", List.of(Map.of("contract", sql)))));
      requests.add(with("scopeBy column", sql, run -> run.put("scopeBy", List.of(sql))));
      requests.add(with("feature column", sql, run -> run.put("features", List.of("tenure", sql))));
      requests.add(with("label", sql, run -> run.put("label", sql)));
      if (!LEGAL_MODEL_NAME.matcher(sql).matches()) {
        // A legal model name is only ever a bound value: not an injection, and accepted.
        requests.add(with("model", sql, run -> run.put("model", sql)));
      }
      requests.add(with("types key", sql, run -> run.put("types", Map.of(sql, "numeric"))));
      requests.add(with("jdbc table", sql, run -> run.put("source", jdbc("table", sql))));
      requests.add(with("jdbc query", sql, run -> run.put("source", jdbc("query", sql))));
      requests.add(
          with(
              "jdbc source",
              sql,
              run -> run.put("source", Map.of("jdbc", Map.of("source", sql, "table", "x")))));
      requests.add(
          with(
              "promotion metric",
              sql,
              run -> run.put("promote", Map.of("policy", "if-better", "metric", sql))));
    }
    for (String name : ALGORITHMS) {
      requests.add(with("algorithm", name, run -> run.put("algorithm", name)));
    }
    for (var param : absurdParameters().entrySet()) {
      requests.add(
          with(
              "params." + param.getKey(),
              String.valueOf(param.getValue()),
              run -> run.put("params", param.getValue())));
    }
    for (var setting : absurdSettings()) {
      requests.add(
          with(
              setting.getKey(),
              String.valueOf(setting.getValue()),
              run -> run.put(setting.getKey(), setting.getValue())));
    }
    requests.add(
        new Request(
            "a body nested 100,000 deep",
            "{\"model\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
    requests.add(
        new Request(
            "a number of 5,000 digits as trees",
            "{\"model\":\"m\",\"source\":{\"csv\":\"telco_churn.csv\"},\"label\":\"churn\","
                + "\"params\":{\"trees\":"
                + "9".repeat(5_000)
                + "}}"));
    requests.add(
        new Request(
            "NaN as holdout",
            "{\"model\":\"m\",\"source\":{\"csv\":\"telco_churn.csv\"},\"label\":\"churn\","
                + "\"holdout\":NaN}"));
    requests.add(
        new Request("10,000 scope columns", base(run -> run.put("scopeBy", columns(10_000)))));
    requests.add(new Request("10,000 features", base(run -> run.put("features", columns(10_000)))));
    return requests;
  }

  private static Map<String, Object> absurdParameters() {
    var params = new java.util.LinkedHashMap<String, Object>();
    params.put("trees=0", Map.of("trees", 0));
    params.put("trees=-1", Map.of("trees", -1));
    params.put("trees=10001", Map.of("trees", 10_001));
    params.put("trees=1e9", Map.of("trees", 1e9));
    params.put("trees=2^63", Map.of("trees", new java.math.BigInteger("9223372036854775808")));
    params.put("trees=1.5", Map.of("trees", 1.5));
    params.put("trees=\"100\"", Map.of("trees", "100"));
    params.put("trees=true", Map.of("trees", true));
    params.put("trees=[]", Map.of("trees", List.of()));
    params.put("trees={}", Map.of("trees", Map.of()));
    params.put("maxDepth=0", Map.of("maxDepth", 0));
    params.put("maxDepth=1000000", Map.of("maxDepth", 1_000_000));
    params.put("eta=0", Map.of("eta", 0));
    params.put("eta=-0.1", Map.of("eta", -0.1));
    params.put("eta=1e308", Map.of("eta", 1e308));
    params.put("subsample=2", Map.of("subsample", 2));
    params.put("threads=0", Map.of("threads", 0));
    params.put("threads=100000", Map.of("threads", 100_000));
    params.put("lambda=-1", Map.of("lambda", -1));
    params.put("unknown nthread", Map.of("nthread", 64));
    params.put("unknown objective", Map.of("objective", "reg:squarederror"));
    params.put("unknown tree_method", Map.of("tree_method", "gpu_hist"));
    params.put("unknown __proto__", Map.of("__proto__", Map.of("trees", 1)));
    return params;
  }

  private static List<Map.Entry<String, Object>> absurdSettings() {
    return List.of(
        Map.entry("holdout", 0),
        Map.entry("holdout", 1),
        Map.entry("holdout", -1),
        Map.entry("holdout", 1e308),
        Map.entry("holdout", "abc"),
        Map.entry("minRows", 0),
        Map.entry("minRows", -5),
        Map.entry("minRows", 2_147_483_648L),
        Map.entry("seed", new java.math.BigInteger("1" + "0".repeat(30))),
        Map.entry("promote", Map.of("policy", "always", "metric", "auc", "extra", 1)),
        Map.entry("global", "sometimes"),
        Map.entry("types", Map.of("tenure", "integer")),
        Map.entry("model", "m".repeat(10_000)),
        Map.entry("label", "l".repeat(100_000)),
        Map.entry("scopes", List.of("contract=One year")));
  }

  private static Map<String, Object> jdbc(String kind, String value) {
    return Map.of("jdbc", Map.of("source", "warehouse", kind, value));
  }

  private static List<String> columns(int count) {
    var names = new ArrayList<String>(count);
    for (int i = 0; i < count; i++) {
      names.add("column_" + i);
    }
    return names;
  }

  private static Request with(String field, String value, Consumer<Map<String, Object>> change) {
    String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
    return new Request(field + " = " + shown.replace("\u0000", "\\0"), base(change));
  }

  private static Map<String, Object> base(Consumer<Map<String, Object>> change) {
    var run = new HashMap<String, Object>();
    run.put("model", "hostile");
    run.put("source", Map.of("csv", "telco_churn.csv"));
    run.put("label", "churn");
    run.put("scopeBy", List.of("contract"));
    run.put("params", Map.of("trees", 5));
    change.accept(run);
    return run;
  }
}

package dev.scopeml.trainer.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.learning.fitting.DefaultFeatures;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.trainer.TrainerTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A file as R's {@code write.csv} writes it (row names under an empty header, strings quoted,
 * missing values as a bare NA), with an identifier column, a region spelled "NA" (North America)
 * and a free-text city column: the run trains North America as a scope, leaves the identifiers out
 * and says so, and caps the city's levels, recording the cap in the stored schema.
 */
class RealWorldCsvRunTest extends TrainerTest {

  private static final int ROWS = 600;
  private static final int CITIES = 180;

  @Test
  void trainsWhatRWritesLeavingIdentifiersOutAndCappingFreeText() throws IOException {
    writeRStyleCsv("customers.csv");
    String run =
        submit(
            Map.of(
                "model", "customers",
                "source", Map.of("csv", "customers.csv"),
                "label", "churn",
                "scopeBy", List.of("region"),
                "params", Map.of("trees", 10, "maxDepth", 3),
                "promote", Map.of("policy", "always")));
    JsonNode view = awaitRun(run, Duration.ofMinutes(3));

    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("succeeded");
    Map<String, JsonNode> scopes = scopesOf(view);
    assertThat(scopes).containsOnlyKeys("region=EU", "region=NA");
    JsonNode excluded = view.get("spec").get("excludedColumns");
    assertThat(excluded.propertyNames()).containsExactlyInAnyOrder("unnamed_1", "customer_id");
    assertThat(excluded.get("customer_id").asString()).isEqualTo(DefaultFeatures.IDENTIFIER);
    for (JsonNode scope : scopes.values()) {
      assertThat(scope.get("cappedFeatures").get("city").asInt())
          .as("a scope sees most of the %d cities", CITIES)
          .isGreaterThan(100);
    }

    var version =
        new JdbcModelStore(dataSource())
            .activeVersion("customers", ScopeKey.of("region", "NA"))
            .orElseThrow();
    assertThat(version.schema().featureNames())
        .doesNotContain("unnamed_1", "customer_id")
        .contains("city", "tenure");
    Feature city =
        version.schema().features().stream()
            .filter(f -> f.name().equals("city"))
            .findFirst()
            .orElseThrow();
    assertThat(city.levels()).hasSize(100);
    assertThat(city.other()).as("the rest share one slot, for serving too").isTrue();
    assertThat(version.schema().encodedNames()).contains("city=" + Feature.OTHER_LEVEL);
  }

  private void writeRStyleCsv(String name) throws IOException {
    var random = new SplittableRandom(3);
    var csv = new StringBuilder("\"\",\"customer_id\",\"region\",\"city\",\"tenure\",\"churn\"\n");
    for (int i = 1; i <= ROWS; i++) {
      String region = i % 2 == 0 ? "NA" : "EU";
      int tenure = random.nextInt(72);
      boolean churn = tenure < 20 ^ random.nextInt(10) == 0;
      csv.append('"')
          .append(i)
          .append("\",\"C")
          .append(10_000 + i)
          .append("\",\"")
          .append(region)
          .append("\",\"city ")
          .append(random.nextInt(CITIES))
          .append("\",")
          .append(i % 25 == 0 ? "NA" : Integer.toString(tenure))
          .append(",\"")
          .append(churn ? "yes" : "no")
          .append("\"\n");
    }
    Files.writeString(dataDir().resolve(name), csv, StandardCharsets.UTF_8);
  }
}

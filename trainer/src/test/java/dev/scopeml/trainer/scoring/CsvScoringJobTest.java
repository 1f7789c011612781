package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scopeml.learning.data.CsvReader;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.testsupport.models.TelcoModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The bundled telco file scored by contract into CSV part files, with a few rows spoiled: every
 * input row comes out exactly once, in the output with its contract's version (or the global one
 * for an unknown contract) and the fixture's own probabilities, or in the rejects with its reason.
 */
class CsvScoringJobTest extends ScoringTest {

  private Map<String, TelcoModel> models;

  @BeforeAll
  void storeModels() {
    models = storeTelcoModels(true);
  }

  @Test
  void everyRowIsScoredOrRejectedOnceWithTheHttpAnswer() throws IOException {
    Path input = dataDir().resolve("telco-spoiled.csv");
    List<String> lines = Files.readAllLines(dataDir().resolve("telco_churn.csv"));
    // Data row 3: an unknown contract, answered by the global model as a fallback.
    lines.set(3, lines.get(3).replace("\"Month-to-month\"", "\"Weekly\""));
    // Data row 5: a text where tenure, a number, belongs.
    lines.set(5, lines.get(5).replaceFirst(",2,1,\"No\"", ",\"two\",1,\"No\""));
    // Data row 7: one field short.
    lines.set(7, lines.get(7).substring(0, lines.get(7).lastIndexOf(',')));
    Files.write(input, lines);

    String job =
        submitJob(
            Map.of(
                "model", TelcoModel.MODEL,
                "input", Map.of("csv", "telco-spoiled.csv"),
                "output", Map.of("folder", "out/telco"),
                "carry", List.of("contract", "tenure"),
                "chunkRows", 1000));
    JsonNode view = awaitJob(job, Duration.ofMinutes(2));

    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("succeeded");
    assertThat(view.get("done").asLong()).isEqualTo(7043);
    assertThat(view.get("rejected").asLong()).isEqualTo(2);
    assertThat(view.get("chunks").get("total").asInt()).isEqualTo(8);
    Path out = dataDir().resolve("out/telco");
    assertThat(out.resolve("_SUCCESS")).exists();

    List<Map<String, String>> rows = readCsvParts(out);
    List<Map<String, String>> rejects = readCsvParts(out.resolve("_rejects"));
    var seen = new HashMap<Long, Integer>();
    rows.forEach(r -> seen.merge(Long.parseLong(r.get("input_row")), 1, Integer::sum));
    rejects.forEach(r -> seen.merge(Long.parseLong(r.get("input_row")), 1, Integer::sum));
    assertThat(seen).as("input rows 1..7043 each once").hasSize(7043);
    assertThat(seen.values()).containsOnly(1);
    assertThat(seen.keySet()).allMatch(row -> row >= 1 && row <= 7043);

    var byRow = new HashMap<Long, Map<String, String>>();
    rows.forEach(r -> byRow.put(Long.parseLong(r.get("input_row")), r));
    assertThat(byRow.get(3L))
        .containsEntry("scope", "*")
        .containsEntry("fallback", "true")
        .containsEntry("requested_scope", "contract=Weekly")
        .containsEntry("contract", "Weekly");
    assertThat(rejects)
        .extracting(r -> r.get("input_row"), r -> r.get("field"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("5", "tenure"),
            org.assertj.core.groups.Tuple.tuple("7", ""));
    assertThat(rejects.get(0).get("reason")).contains("tenure").contains("two");
    assertThat(rejects.get(1).get("reason")).contains("fields");

    // The unspoiled file: row 3 differs only in its contract, which is no feature.
    DataTable source = CsvReader.read(dataDir().resolve("telco_churn.csv"));
    for (long row : List.of(1L, 2L, 3L, 100L, 4000L, 7043L)) {
      Map<String, Object> raw = new LinkedHashMap<>(source.row((int) row - 1));
      Map<String, String> scored = byRow.get(row);
      TelcoModel model = models.get(scored.get("scope"));
      double[] expected = model.expected(raw);
      assertThat(Integer.parseInt(scored.get("version"))).isEqualTo(1);
      assertThat(Double.parseDouble(scored.get("probability_No")))
          .as("row %d", row)
          .isCloseTo(expected[0], within(1e-6));
      assertThat(Double.parseDouble(scored.get("probability_Yes")))
          .isCloseTo(expected[1], within(1e-6));
      assertThat(scored.get("label")).isEqualTo(expected[1] > expected[0] ? "Yes" : "No");
    }
  }
}

package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.modelstore.scope.ScopeKey;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * 1,000,000 generated rows over 200 scopes, 150 of them with a model and no global one, every 997th
 * row with a tenure that is no number: every input row comes out exactly once, in the output or the
 * rejects with the right reason, and a sample of scored rows equals what a scorer process answers
 * over HTTP for the same rows. The rows are the telco customers over and over, each given one of
 * the 200 contract values; the model stored under every modelled scope is one real telco model.
 */
class MillionRowsScoringTest extends ScoringTest {

  private static final int ROWS = 1_000_000;
  private static final int SCOPES = 200;
  private static final int MODELLED = 150;
  private static final int BAD_EVERY = 997;

  private Path input;

  @AfterAll
  void dropTheGeneratedFile() throws IOException {
    if (input != null) {
      Files.deleteIfExists(input);
    }
  }

  @Test
  void everyRowOnceAndTheSampleAsHttpAnswers() throws Exception {
    long start = System.nanoTime();
    TelcoModel model = TelcoModel.train("One year", 20, 4, 42);
    for (int s = 0; s < MODELLED; s++) {
      model.storeAndPromote(store(), ScopeKey.of(TelcoModel.SCOPE_COLUMN, scope(s)));
    }
    input = dataDir().resolve("million.csv");
    long expectedBad = generate(input, model.training());
    long prepared = System.nanoTime();

    String job =
        submitJob(
            Map.of(
                "model", TelcoModel.MODEL,
                "input", Map.of("csv", "million.csv"),
                "output", Map.of("folder", "out/million"),
                "carry", List.of("contract"),
                "maxErrors", 0.5));
    JsonNode view = awaitJob(job, Duration.ofMinutes(10));
    long scored = System.nanoTime();

    long modelless = (long) ROWS * (SCOPES - MODELLED) / SCOPES;
    assertThat(view.get("status").asString()).as("%s", view).isEqualTo("succeeded");
    assertThat(view.get("done").asLong()).isEqualTo(ROWS);
    assertThat(view.get("rejected").asLong())
        .as("rows of scopes without a model, and bad tenures in the others")
        .isEqualTo(modelless + expectedBad);

    Path out = dataDir().resolve("out/million");
    var seen = new BitSet(ROWS + 1);
    long duplicates = 0;
    var reasons = new HashMap<String, Long>();
    var sample = new LinkedHashMap<Long, Map<String, String>>();
    for (Path folder : List.of(out, out.resolve("_rejects"))) {
      for (Map<String, String> row : (Iterable<Map<String, String>>) rows(folder)::iterator) {
        int position = Integer.parseInt(row.get("input_row"));
        duplicates += seen.get(position) ? 1 : 0;
        seen.set(position);
        if (row.containsKey("reason")) {
          reasons.merge(row.get("field").isEmpty() ? "no model" : row.get("field"), 1L, Long::sum);
        } else if (position % 50_021 == 0) {
          sample.put((long) position, row);
        }
      }
    }
    assertThat(duplicates).as("rows written twice").isZero();
    assertThat(seen.cardinality()).as("input rows 1..1,000,000 written").isEqualTo(ROWS);
    assertThat(seen.get(0)).isFalse();
    assertThat(reasons)
        .containsOnly(Map.entry("no model", modelless), Map.entry("tenure", expectedBad));
    long checked = System.nanoTime();

    assertThat(sample).hasSizeGreaterThan(10);
    assertSameAsHttp(sample, model.training());
    System.out.printf(
        Locale.ROOT,
        "[million] models and file %.1f s, job %.1f s (%,.0f rows/s as the job saw it), reading"
            + " the output back %.1f s, HTTP sample %.1f s%n",
        (prepared - start) / 1e9,
        (scored - prepared) / 1e9,
        view.get("rowsPerSecond").asDouble(),
        (checked - scored) / 1e9,
        (System.nanoTime() - checked) / 1e9);
  }

  private static String scope(int s) {
    return "C%03d".formatted(s);
  }

  /** Writes the rows: telco customers in turn, scope {@code row % 200}; returns the bad rows. */
  private static long generate(Path file, DataTable telco) throws IOException {
    List<String> columns = telco.columnNames();
    List<String[]> text = columns.stream().map(telco::text).toList();
    int contract = columns.indexOf(TelcoModel.SCOPE_COLUMN);
    int tenure = columns.indexOf("tenure");
    long bad = 0;
    try (CsvWriter csv = CsvWriter.builder().build(file)) {
      csv.writeRecord(columns);
      var record = new String[columns.size()];
      for (int row = 1; row <= ROWS; row++) {
        int source = row % telco.size();
        for (int c = 0; c < record.length; c++) {
          String value = text.get(c)[source];
          record[c] = value == null ? "" : value;
        }
        int s = row % SCOPES;
        record[contract] = scope(s);
        if (row % BAD_EVERY == 0) {
          record[tenure] = "x";
          bad += s < MODELLED ? 1 : 0;
        }
        csv.writeRecord(record);
      }
    }
    return bad;
  }

  /** The rows of a folder's CSV parts, streamed. */
  private static java.util.stream.Stream<Map<String, String>> rows(Path folder) throws IOException {
    List<Path> parts;
    try (var files = Files.list(folder)) {
      parts = files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    return parts.stream()
        .flatMap(
            part -> {
              try {
                CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(part);
                var iterator = csv.iterator();
                List<String> header = iterator.next().getFields();
                return csv.stream()
                    .onClose(
                        () -> {
                          try {
                            csv.close();
                          } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                          }
                        })
                    .map(
                        record -> {
                          var row = new HashMap<String, String>();
                          for (int c = 0; c < header.size(); c++) {
                            row.put(header.get(c), record.getField(c));
                          }
                          return row;
                        });
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
  }

  /** A scorer process on the same registry answers each sampled row as the job wrote it. */
  private void assertSameAsHttp(Map<Long, Map<String, String>> sample, DataTable telco)
      throws IOException, InterruptedException {
    try (ServiceProcess scorer =
        Services.scorer(
            "million-scorer",
            ServiceJars.pinned(ServiceJars.scorer()),
            settings(),
            Map.of(),
            Files.createDirectories(Path.of("target", "scoring-logs")))) {
      scorer.awaitOk("/readyz", Duration.ofMinutes(3));
      var http = HttpClient.newHttpClient();
      for (var entry : sample.entrySet()) {
        int source = (int) (entry.getKey() % telco.size());
        Map<String, Object> instance = new LinkedHashMap<>(telco.row(source));
        instance.put(TelcoModel.SCOPE_COLUMN, entry.getValue().get("contract"));
        String body = JSON.writeValueAsString(Map.of("instances", List.of(instance)));
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(scorer.uri(TelcoModel.PREDICT))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(response.body()).get("predictions").get(0);
        Map<String, String> written = entry.getValue();
        assertThat(written.get("scope")).isEqualTo(answer.get("scope").asString());
        assertThat(written.get("version")).isEqualTo(answer.get("version").asString());
        assertThat(written.get("label")).isEqualTo(answer.get("label").asString());
        assertThat(Double.parseDouble(written.get("probability_Yes")))
            .as("row %d", entry.getKey())
            .isEqualTo(answer.get("probabilities").get("Yes").asDouble());
        assertThat(Double.parseDouble(written.get("probability_No")))
            .isEqualTo(answer.get("probabilities").get("No").asDouble());
      }
    }
  }
}

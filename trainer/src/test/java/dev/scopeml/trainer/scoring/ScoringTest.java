package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.trainer.TrainerTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the scoring job tests share: the telco models stored straight into the registry (one per
 * contract and a global one, trained by the tests' fixture), job submission and polling, and
 * reading part files back.
 */
abstract class ScoringTest extends TrainerTest {

  static final Set<String> ENDED = Set.of("succeeded", "failed", "cancelled");

  private ModelStore store;

  protected ModelStore store() {
    if (store == null) {
      store = new JdbcModelStore(dataSource());
    }
    return store;
  }

  /** Stores and promotes small telco models: one per contract type and, if asked, a global one. */
  protected Map<String, TelcoModel> storeTelcoModels(boolean global) {
    var models = new LinkedHashMap<String, TelcoModel>();
    for (String contract : TelcoModel.CONTRACTS) {
      TelcoModel model = TelcoModel.train(contract, 20, 3, 42);
      model.storeAndPromote(store());
      models.put(model.scope().toString(), model);
    }
    if (global) {
      TelcoModel model = TelcoModel.train(null, 20, 3, 42);
      model.storeAndPromote(store());
      models.put(model.scope().toString(), model);
    }
    return models;
  }

  /** Submits a job to the default trainer, expects 202, and returns the job id. */
  protected String submitJob(Map<String, Object> job) {
    Response response = post("/v1/scoring-jobs", job);
    assertThat(response.status()).as("submit %s: %s", job, response.body()).isEqualTo(202);
    return response.json().get("job").asString();
  }

  /** Polls the job until it ends and returns its last view. */
  protected JsonNode awaitJob(String job, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode view = get("/v1/scoring-jobs/" + job).json();
      if (ENDED.contains(view.get("status").asString())) {
        return view;
      }
      assertThat(System.nanoTime()).as("job %s still %s", job, view).isLessThan(deadline);
      sleep(Duration.ofMillis(100));
    }
  }

  /** Every record of the CSV part files under {@code folder} (header rows left out), by column. */
  protected static List<Map<String, String>> readCsvParts(Path folder) {
    var rows = new ArrayList<Map<String, String>>();
    try (var files = Files.list(folder)) {
      for (Path part :
          files
              .filter(f -> f.getFileName().toString().matches("part-\\d{5}\\.csv"))
              .sorted()
              .toList()) {
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(part)) {
          List<String> header = null;
          for (CsvRecord record : csv) {
            if (header == null) {
              header = record.getFields();
              continue;
            }
            var row = new LinkedHashMap<String, String>();
            for (int c = 0; c < header.size(); c++) {
              row.put(header.get(c), record.getField(c));
            }
            rows.add(row);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}

package dev.scopeml.trainer.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.scopeml.modelstore.queue.ClaimedChunk;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.modelstore.registry.ModelStore;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.trainer.TrainerTest;
import dev.scopeml.trainer.scoring.chunks.ChunkListener;
import dev.scopeml.trainer.scoring.chunks.ChunkPhase;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    return submitJob(trainer(), job);
  }

  /** Submits a job to {@code trainer}, expects 202, and returns the job id. */
  protected static String submitJob(Trainer trainer, Map<String, Object> job) {
    Response response = trainer.call("POST", "/v1/scoring-jobs", job, TOKEN);
    assertThat(response.status()).as("submit %s: %s", job, response.body()).isEqualTo(202);
    return response.json().get("job").asString();
  }

  /** Polls the job on the default trainer until it ends and returns its last view. */
  protected JsonNode awaitJob(String job, Duration timeout) {
    return awaitJob(trainer(), job, timeout);
  }

  /** Polls the job on {@code trainer} until it ends and returns its last view. */
  protected static JsonNode awaitJob(Trainer trainer, String job, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode view = trainer.call("GET", "/v1/scoring-jobs/" + job, null, TOKEN).json();
      if (ENDED.contains(view.get("status").asString())) {
        return view;
      }
      assertThat(System.nanoTime()).as("job %s still %s", job, view).isLessThan(deadline);
      sleep(Duration.ofMillis(100));
    }
  }

  /**
   * Holds the first rows chunk of a job once its output is committed, until the test opens the
   * gate: whatever the test does meanwhile happens mid-job, with the other chunks still pending.
   */
  static final class ChunkGate implements ChunkListener {
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    @Override
    public void reached(ChunkPhase phase, ClaimedChunk chunk) {
      if (phase == ChunkPhase.COMMITTED && chunk.chunk() == 0) {
        reached.countDown();
        try {
          open.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    void awaitReached() throws InterruptedException {
      assertThat(reached.await(2, TimeUnit.MINUTES)).as("the first chunk committed").isTrue();
    }

    void open() {
      open.countDown();
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

package dev.scopeml.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.scopeml.modelstore.registry.JdbcModelStore;
import dev.scopeml.reliability.CaseReport;
import dev.scopeml.reliability.Eventually;
import dev.scopeml.reliability.Http;
import dev.scopeml.reliability.ReliabilityTest;
import dev.scopeml.testsupport.models.TelcoModel;
import dev.scopeml.testsupport.services.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Two trainer processes share a scoring job; one is killed with SIGKILL while it scores. Its chunks
 * are taken over by the other once their short leases expire: the job succeeds, every input row is
 * in the output exactly once, and no temporary part file is left behind.
 */
class ScoringJobCrashTest extends ReliabilityTest {

  private static final int COPIES = 30;
  private static final Map<String, String> SHORT_LEASE =
      Map.of(
          "scopeml.trainer.workers", "2",
          "scopeml.trainer.lease", "3s",
          "scopeml.trainer.heartbeat", "500ms",
          "scopeml.trainer.poll-interval", "200ms");

  private ServiceProcess survivor;
  private ServiceProcess victim;
  private int rows;

  @BeforeAll
  void startTwoTrainers() throws IOException {
    var store = new JdbcModelStore(dataSource());
    for (String contract : TelcoModel.CONTRACTS) {
      TelcoModel.train(contract, 60, 5, 42).storeAndPromote(store);
    }
    // The telco customers 30 times over: 211,290 rows in 43 chunks.
    List<String> lines = Files.readAllLines(dataDirectory().resolve("telco_churn.csv"));
    var copies = new ArrayList<String>();
    copies.add(lines.getFirst());
    for (int copy = 0; copy < COPIES; copy++) {
      copies.addAll(lines.subList(1, lines.size()));
    }
    rows = copies.size() - 1;
    Files.write(dataDirectory().resolve("telco-x30.csv"), copies);
    survivor = startTrainer("trainer-survivor", database(), SHORT_LEASE);
    victim = startTrainer("trainer-victim", database(), SHORT_LEASE);
    survivor.awaitOk("/actuator/health", Duration.ofMinutes(2));
    victim.awaitOk("/actuator/health", Duration.ofMinutes(2));
  }

  private static void signal(String signal, ServiceProcess process) throws IOException {
    try {
      int code =
          new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor();
      assertThat(code).as("kill -%s %d", signal, process.pid()).isZero();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void aTrainerKilledMidJobLosesNoRowAndWritesNoneTwice() throws IOException {
    Http.Reply submitted =
        admin(
            survivor,
            "POST",
            "/v1/scoring-jobs",
            Map.of(
                "model",
                TelcoModel.MODEL,
                "input",
                Map.of("csv", "telco-x30.csv"),
                "output",
                Map.of("folder", "out/crash"),
                "chunkRows",
                5000));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
    String job = submitted.json().path("job").asString();

    String owner = "%-" + victim.pid() + "-%";
    // Frozen with SIGSTOP while it holds a running chunk, so that the chunks it dies with are known
    // exactly (a chunk takes a fraction of a second), then killed with SIGKILL.
    long orphaned = 0;
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (orphaned == 0) {
      assertThat(System.nanoTime()).as("the victim to hold a running chunk").isLessThan(deadline);
      Eventually.until(
          Duration.ofMinutes(2),
          Duration.ofMillis(20),
          () ->
              count(
                          "SELECT count(*) FROM scoring_chunks WHERE status = 'running'"
                              + " AND lease_owner LIKE ?",
                          owner)
                      > 0
                  && count(
                          "SELECT count(*) FROM scoring_chunks WHERE status = 'succeeded'"
                              + " AND lease_owner LIKE ?",
                          owner)
                      > 0,
          () -> "the victim to be scoring");
      signal("STOP", victim);
      orphaned =
          count(
              "SELECT count(*) FROM scoring_chunks WHERE status = 'running'"
                  + " AND lease_owner LIKE ?",
              owner);
      if (orphaned == 0) {
        signal("CONT", victim);
      }
    }
    victim.kill();
    long killed = System.nanoTime();
    assertThat(victim.exitCode()).as("killed by SIGKILL").isEqualTo(137);

    JsonNode view = awaitJob(survivor, job, Duration.ofMinutes(4));
    double recovery = (System.nanoTime() - killed) / 1e9;

    assertThat(view.path("status").asString()).as("%s", view).isEqualTo("succeeded");
    long takenOver =
        count(
            "SELECT count(*) FROM scoring_chunks WHERE job_id = ?::uuid AND kind = 'rows'"
                + " AND status = 'succeeded' AND attempts >= 2 AND lease_owner NOT LIKE ?",
            job,
            owner);
    Path out = dataDirectory().resolve("out/crash");
    var seen = new BitSet(rows + 1);
    long twice = 0;
    List<Path> files;
    try (var listing = Files.list(out)) {
      files = listing.sorted().toList();
    }
    for (Path part : files) {
      if (!part.getFileName().toString().startsWith("part-")) {
        continue;
      }
      try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(part)) {
        for (CsvRecord record : csv) {
          if (record.getStartingLineNumber() == 1) {
            continue;
          }
          int position = Integer.parseInt(record.getField(0));
          twice += seen.get(position) ? 1 : 0;
          seen.set(position);
        }
      }
    }
    long temporaries =
        files.stream().filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
    long lost = rows - seen.cardinality();
    assertThat(orphaned).as("chunks running on the victim when it died").isPositive();
    assertThat(takenOver)
        .as("the victim's chunks finished by the survivor")
        .isGreaterThanOrEqualTo(orphaned);
    assertThat(lost).as("input rows missing from the output").isZero();
    assertThat(twice).as("input rows written twice").isZero();
    assertThat(out.resolve("_SUCCESS")).exists();
    assertThat(temporaries).as("temporary parts left").isZero();

    CaseReport.record(
        "faults",
        "two trainers share a scoring job, one SIGKILLed mid-chunk",
        rows,
        lost + twice,
        String.format(
            "%d rows lost, %d written twice; the victim's running chunks (%d) taken over after"
                + " the 3 s lease; job ended %.1f s after the kill",
            lost, twice, orphaned, recovery),
        getClass().getSimpleName());
  }
}

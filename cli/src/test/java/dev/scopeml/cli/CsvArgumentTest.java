package dev.scopeml.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scopeml.testsupport.Repository;
import dev.scopeml.testsupport.postgres.PostgresTest;
import dev.scopeml.testsupport.services.ServiceJars;
import dev.scopeml.testsupport.services.ServiceProcess;
import dev.scopeml.testsupport.services.Services;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --csv} with a file of the user's own, against a real trainer whose upload limit is 512 kB:
 * a file outside the trainer's data directory is uploaded and trained on or scored; one over the
 * limit is refused before its body is sent, with the ways that work; a name that is no file here is
 * the trainer's to resolve.
 */
class CsvArgumentTest extends PostgresTest {

  private static final String TOKEN = "csv-argument-token";

  private Path work;
  private Path data;
  private ServiceProcess trainer;

  @TempDir Path home;

  @BeforeAll
  void startTrainer() throws IOException {
    work = Path.of("target", "csv-argument").toAbsolutePath();
    if (Files.exists(work)) {
      PathUtils.deleteDirectory(work);
    }
    data = Files.createDirectories(work.resolve("data"));
    trainer =
        Services.trainer(
                "trainer",
                ServiceJars.pinned(ServiceJars.trainer()),
                settings(),
                data,
                TOKEN,
                Map.of("scopeml.upload.max-size", "512KB", "scopeml.trainer.workers", "2"),
                work.resolve("logs"))
            .awaitOk("/actuator/health", Duration.ofMinutes(2));
  }

  @AfterAll
  void stopTrainer() {
    if (trainer != null) {
      trainer.close();
    }
  }

  @Test
  void aFileOfOnesOwnIsUploadedTrainedOnAndScored() throws IOException {
    Path mine = telcoRows(home.resolve("my telco.csv"), 2_000);

    Run train =
        run(
            "train",
            "--model=own-file",
            "--csv=" + mine,
            "--label=churn",
            "--scope-by=contract",
            "--param=trees=5",
            "--promote=always");

    assertThat(train.exit()).as(train.err()).isZero();
    assertThat(train.err()).as("the upload is reported").contains("uploaded " + mine, "2,000 rows");
    assertThat(train.out()).contains("contract=Month-to-month", "succeeded");
    assertThat(uploads()).as("stored once in the data directory").hasSize(1);

    Run score = run("score", "--model=own-file", "--csv=" + mine, "--out=scored/own-file");

    assertThat(score.exit()).as(score.err()).isZero();
    assertThat(score.out()).contains("succeeded", "2000");
    assertThat(data.resolve("scored/own-file/_SUCCESS")).exists();
  }

  @Test
  void aFileOverTheUploadLimitIsRefusedWithTheWaysThatWork() throws IOException {
    Path big = telcoRows(home.resolve("big.csv"), Integer.MAX_VALUE);
    assertThat(Files.size(big)).as("larger than the trainer's limit").isGreaterThan(512 * 1024);
    int stored = uploads().size();

    Run train = run("train", "--model=too-big", "--csv=" + big, "--label=churn", "--param=trees=5");

    assertThat(train.exit()).isNotZero();
    assertThat(train.err())
        .contains(
            "larger than the limit",
            "HTTP 413",
            "into the trainer's data directory",
            "scopeml.upload.max-size",
            "--jdbc-source")
        .doesNotContain("cannot reach");
    assertThat(uploads()).as("nothing kept of a refused upload").hasSize(stored);
  }

  @Test
  void aNameThatIsNoFileHereIsTheTrainersToResolve() {
    Run train = run("train", "--model=named", "--csv=nowhere.csv", "--label=churn");

    assertThat(train.exit()).isNotZero();
    assertThat(train.err()).contains("nowhere.csv", "HTTP 400").doesNotContain("uploaded");
  }

  private Run run(String... arguments) {
    var all = new ArrayList<>(List.of(arguments));
    all.add(1, "--trainer-url=" + trainer.uri("/"));
    all.add(2, "--token=" + TOKEN);
    if (arguments[0].equals("train") || arguments[0].equals("score")) {
      all.add("--poll=PT0.2S");
    }
    var out = new StringWriter();
    var err = new StringWriter();
    var cli = ScopemlCli.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * The header and up to {@code rows} rows of the bundled telco file, outside the data directory.
   */
  private static Path telcoRows(Path file, int rows) throws IOException {
    try (Stream<String> lines = Files.lines(Repository.file("datasets/telco_churn.csv"))) {
      Files.write(file, lines.limit(rows + 1L).toList());
    }
    return file;
  }

  private List<Path> uploads() throws IOException {
    Path uploads = data.resolve("uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(uploads)) {
      return files.toList();
    }
  }

  private record Run(int exit, String out, String err) {}
}

package dev.scopeml.cli.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A CSV file's rows as stream requests: the model named, each row an object, in file order. */
class CsvRequestsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void everyRowOfTheTelcoFileIsARequestOfTheModel() {
    List<byte[]> requests = CsvRequests.read(Path.of("../datasets/telco_churn.csv"), "churn", 1);

    assertThat(requests).as("one request per customer").hasSize(7_043);
    JsonNode first = JSON.readTree(requests.getFirst());
    assertThat(first.get("model").asString()).isEqualTo("churn");
    assertThat(first.has("scope")).as("each row carries its own scope column").isFalse();
    JsonNode row = first.get("instances").get(0);
    assertThat(row.has("contract")).isTrue();
    assertThat(row.has("tenure")).isTrue();
  }

  @Test
  void consecutiveRowsShareARequestAndTheLastTakesWhatIsLeft(@TempDir Path folder)
      throws Exception {
    Path csv = folder.resolve("small.csv");
    Files.writeString(csv, "store,sales,note\n1,10.5,\n2,\"1,000\",a \"quoted\" word\n3,7,x\n\n");

    List<byte[]> requests = CsvRequests.read(csv, "shops", 2);

    assertThat(requests).hasSize(2);
    JsonNode pair = JSON.readTree(requests.get(0)).get("instances");
    assertThat(pair).hasSize(2);
    assertThat(pair.get(0).get("note").asString()).as("an empty field is sent empty").isEmpty();
    assertThat(pair.get(1).get("sales").asString()).isEqualTo("1,000");
    assertThat(pair.get(1).get("note").asString()).isEqualTo("a \"quoted\" word");
    assertThat(JSON.readTree(requests.get(1)).get("instances")).hasSize(1);
  }

  @Test
  void aFileWithoutRowsIsRefused(@TempDir Path folder) throws Exception {
    Path csv = Files.writeString(folder.resolve("empty.csv"), "store,sales\n");

    assertThatThrownBy(() -> CsvRequests.read(csv, "shops", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rows");
  }
}

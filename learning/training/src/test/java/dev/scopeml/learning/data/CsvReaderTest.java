package dev.scopeml.learning.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  @Test
  void readsQuotedFieldsEscapedQuotesAndLineBreaks() {
    String csv =
        "id,\"name\",note\r\n"
            + "1,\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n"
            + "2,plain,\"two\nlines\"\n"
            + "3,,NA\n";
    CsvTable table = CsvReader.read(new StringReader(csv));

    assertThat(table.columns()).containsExactly("id", "name", "note");
    assertThat(table.rows().get(0)).containsExactly("1", "Smith, Jo", "said \"hi\"");
    assertThat(table.rows().get(1)).containsExactly("2", "plain", "two\nlines");
    assertThat(table.rows().get(2)).containsExactly("3", null, null);
    assertThat(table.row(2)).containsOnlyKeys("id");
  }

  @Test
  void quotedEmptyFieldIsMissingAndLastLineNeedsNoBreak() {
    CsvTable table = CsvReader.read(new StringReader("a,b\n\"\",x"));
    assertThat(table.rows().get(0)).containsExactly(null, "x");
  }

  @Test
  void malformedRecordsNameTheirLine() {
    assertThatThrownBy(() -> CsvReader.read(new StringReader("a,b\n1,2\n3\n")))
        .hasMessageContaining("line 3")
        .hasMessageContaining("1 fields");
    assertThatThrownBy(() -> CsvReader.read(new StringReader("a,b\n1,\"open\n")))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> CsvReader.read(new StringReader("a,b\n1,x\"y\n")))
        .hasMessageContaining("line 2");
  }

  @Test
  void readsTheTelcoDataSet() {
    CsvTable telco = TestData.telco();
    assertThat(telco.size()).isEqualTo(7043);
    assertThat(telco.columns()).hasSize(20).startsWith("churn", "female");
    assertThat(telco.column("total_charges").stream().filter(v -> v == null)).hasSize(11);
    assertThat(telco.column("payment_method")).contains("Bank transfer (automatic)");
    assertThat(Arrays.asList(TestData.mlcChurn().size())).containsExactly(5000);
  }
}

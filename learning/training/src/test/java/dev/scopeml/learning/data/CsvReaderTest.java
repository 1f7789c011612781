package dev.scopeml.learning.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  @Test
  void readsQuotedFieldsEscapedQuotesAndLineBreaks() {
    String csv =
        "id,\"name\",note\r\n"
            + "1,\"Smith, Jo\",\"said \"\"hi\"\"\"\r\n"
            + "2,plain,\"two\nlines\"\n"
            + "3,,NA\n";
    DataTable table = CsvReader.read(new StringReader(csv));

    assertThat(table.columnNames()).containsExactly("id", "name", "note");
    assertThat(table.text("id")).containsExactly("1", "2", "3");
    assertThat(table.text("name")).containsExactly("Smith, Jo", "plain", null);
    assertThat(table.text("note")).containsExactly("said \"hi\"", "two\nlines", null);
    assertThat(table.row(2)).containsOnlyKeys("id");
  }

  @Test
  void quotedEmptyFieldIsMissingAndLastLineNeedsNoBreak() {
    DataTable table = CsvReader.read(new StringReader("a,b\n\"\",x"));
    assertThat(table.row(0)).containsExactly(Map.entry("b", "x"));
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
    DataTable telco = TestData.telco();
    assertThat(telco.size()).isEqualTo(7043);
    assertThat(telco.columnNames()).hasSize(20).startsWith("churn", "female");
    assertThat(Arrays.stream(telco.text("total_charges")).filter(v -> v == null)).hasSize(11);
    assertThat(telco.text("payment_method")).contains("Bank transfer (automatic)");
    assertThat(Arrays.asList(TestData.mlcChurn().size())).containsExactly(5000);
  }
}

package dev.scopeml.learning.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scopeml.learning.TestData;
import java.io.StringReader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
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
  void readsWhatRsWriteCsvWrites() {
    // write.csv(df): row names under an empty header, strings quoted, missing values as bare NA.
    String csv =
        "\"\",\"region\",\"amount\",\"note\"\n"
            + "\"1\",\"NA\",1.5,NA\n"
            + "\"2\",\"EU\",NA,\"say \"\"hi\"\"\"\n";
    DataTable table = CsvReader.read(new StringReader(csv));

    assertThat(table.columnNames()).containsExactly("unnamed_1", "region", "amount", "note");
    assertThat(table.text("region"))
        .as("a quoted NA is the text NA (North America), not a missing value")
        .containsExactly("NA", "EU");
    assertThat(table.text("amount")).containsExactly("1.5", null);
    assertThat(table.text("note")).containsExactly(null, "say \"hi\"");
  }

  @Test
  void readsExcelCsvUtf8WithItsByteOrderMarkQuotedHeaderAndCrlf() {
    String csv = "\uFEFF\"region\",\"amount\"\r\n\"EU\",3\r\nUS,\r\n";
    DataTable table = CsvReader.read(new StringReader(csv));
    assertThat(table.columnNames()).containsExactly("region", "amount");
    assertThat(table.text("region")).containsExactly("EU", "US");
    assertThat(table.text("amount")).containsExactly("3", null);
  }

  @Test
  void readsPandasAndPythonCsvWriterOutput() {
    // pandas to_csv(index=False): missing as an empty field, quotes only where needed.
    DataTable pandas = CsvReader.read(new StringReader("city,amount\n\"Paris, FR\",\nOslo,2.0\n"));
    assertThat(pandas.text("city")).containsExactly("Paris, FR", "Oslo");
    assertThat(pandas.text("amount")).containsExactly(null, "2.0");
    // csv.writer with QUOTE_NONNUMERIC, and a hand-edited file with a space before a quote.
    DataTable python =
        CsvReader.read(new StringReader("\"code\",\"n\"\r\n\"NA\",1\r\n\"UK\", \"x\"\r\n"));
    assertThat(python.text("code")).containsExactly("NA", "UK");
    assertThat(python.text("n")).containsExactly("1", "x");
  }

  @Test
  void missingTokensAreConfigurableAndNeverApplyToQuotedValues() {
    String csv = "a,b\n?,\"?\"\nNA,-\n";
    DataTable table = CsvReader.read(new StringReader(csv), Set.of("?", "-"));
    assertThat(table.text("a")).containsExactly(null, "NA");
    assertThat(table.text("b")).containsExactly("?", null);
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

package dev.scopeml.bench.models;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.scopeml.learning.data.DataTable;
import dev.scopeml.modelstore.schema.Feature;
import dev.scopeml.testsupport.models.TelcoModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the Python peer needs to train the same model as ScopeML ({@code
 * bench/python-peer/train.py}): {@code train.csv}, exactly the rows the ScopeML model was fitted on
 * (its holdout left out), and {@code schema.json} with the feature schema, the scope, the xgboost
 * parameters and the seed.
 */
public final class PeerSpec {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PeerSpec() {}

  /** Writes {@code train.csv} and {@code schema.json} for {@code model} into {@code folder}. */
  public static void write(TelcoModel model, Path folder) {
    var features = new ArrayList<Map<String, Object>>();
    for (Feature feature : model.schema().features()) {
      features.add(
          Map.of(
              "name", feature.name(), "kind", feature.kind().name(), "levels", feature.levels()));
    }
    try {
      Files.createDirectories(folder);
      Path csv = folder.resolve("train.csv").toAbsolutePath();
      writeCsv(model.training(), csv);
      var spec = new HashMap<String, Object>();
      spec.put("features", features);
      spec.put("label", model.schema().label());
      spec.put("classes", model.schema().classes());
      spec.put("scope", model.scope().values());
      spec.put("csv", csv.toString());
      spec.put("params", model.params());
      spec.put("seed", model.seed());
      Files.writeString(folder.resolve("schema.json"), JSON.writeValueAsString(spec));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the peer's training data", e);
    }
  }

  /** The table as CSV: a missing value is an empty field, as in the bundled data. */
  private static void writeCsv(DataTable table, Path file) throws IOException {
    List<String[]> columns = table.columnNames().stream().map(table::text).toList();
    try (CsvWriter writer = CsvWriter.builder().build(file)) {
      writer.writeRecord(table.columnNames());
      var record = new String[columns.size()];
      for (int row = 0; row < table.size(); row++) {
        for (int c = 0; c < record.length; c++) {
          String value = columns.get(c)[row];
          record[c] = value == null ? "" : value;
        }
        writer.writeRecord(record);
      }
    }
  }
}

package dev.scopeml.trainer.scoring.output;

import dev.scopeml.modelstore.queue.JobOutcome;
import dev.scopeml.trainer.api.ApiException;
import dev.scopeml.trainer.sources.DataDirectory;
import dev.scopeml.trainer.sources.JdbcTables;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Prepares, writes and ends the outputs of scoring jobs, whichever kind a job names. */
@Component
public class Outputs {

  private static final Set<String> CODECS = Set.of("snappy", "zstd", "none");
  private static final String TABLE_NAME = "[A-Za-z_][A-Za-z0-9_]{0,40}";

  private final DataDirectory dataDirectory;
  private final JdbcTables jdbcTables;

  Outputs(DataDirectory dataDirectory, JdbcTables jdbcTables) {
    this.dataDirectory = dataDirectory;
    this.jdbcTables = jdbcTables;
  }

  /**
   * Checks an output and fills in its defaults.
   *
   * @throws ApiException 400 naming the field at fault
   */
  public OutputRef checked(OutputRef output) {
    if (output == null || (output.folder() == null) == (output.jdbc() == null)) {
      throw ApiException.badRequest("output needs exactly one of 'folder' and 'jdbc'")
          .with("field", "output");
    }
    if (output.jdbc() != null) {
      if (output.format() != null || output.compression() != null) {
        throw ApiException.badRequest("output.format and compression are for a folder")
            .with("field", "output.format");
      }
      String table = output.jdbc().table();
      if (table == null || !table.matches(TABLE_NAME)) {
        throw ApiException.badRequest(
                "output.jdbc.table must be a new table's plain name (letters, digits, underscores,"
                    + " at most 41), got '"
                    + table
                    + "'")
            .with("field", "output.jdbc.table");
      }
      return output;
    }
    dataDirectory.inside(output.folder(), "output.folder");
    String format = FolderOutput.format(output.format());
    if (format == null) {
      throw ApiException.badRequest(
              "output.format '" + output.format() + "' is not one of [csv, parquet]")
          .with("field", "output.format");
    }
    String codec =
        output.compression() == null ? null : output.compression().toLowerCase(Locale.ROOT);
    if (format.equals("csv") && codec != null && !codec.equals("none")) {
      throw ApiException.badRequest("CSV output is not compressed; use format parquet for " + codec)
          .with("field", "output.compression");
    }
    if (format.equals("parquet")) {
      codec = codec == null ? "snappy" : codec;
      if (!CODECS.contains(codec)) {
        throw ApiException.badRequest(
                "output.compression '" + output.compression() + "' is not one of " + CODECS)
            .with("field", "output.compression");
      }
    }
    return new OutputRef(output.folder(), format, codec, null);
  }

  /**
   * Creates the output, the last step of a submission.
   *
   * @throws ApiException 409 if it exists (a job never writes into another's output), 400 if it
   *     cannot be created
   */
  public void create(OutputRef output, Layout layout) {
    try {
      if (output.folder() != null) {
        FolderOutput.create(folder(output));
        return;
      }
      try (Connection connection =
          jdbcTables.connect(output.jdbc().source(), "output.jdbc.source")) {
        String table = output.jdbc().table();
        for (String name :
            new String[] {
              table,
              TableOutput.rejects(table),
              TableOutput.partial(table),
              TableOutput.rejects(TableOutput.partial(table))
            }) {
          if (TableOutput.exists(connection, name)) {
            throw ApiException.conflict("table '" + name + "' exists; name a new table")
                .with("field", "output.jdbc.table");
          }
        }
        TableOutput.create(connection, table, layout);
      }
    } catch (FileAlreadyExistsException e) {
      throw ApiException.conflict(
              "'" + e.getFile() + "' exists in the data directory; name a new folder")
          .with("field", "output.folder");
    } catch (IOException | SQLException e) {
      throw ApiException.badRequest("the output cannot be created: " + e.getMessage())
          .with("field", "output");
    }
  }

  /** Commits one chunk's rows and rejects. */
  public void write(
      OutputRef output, Layout layout, int chunk, long firstRow, long endRow, ScoredChunk scored)
      throws IOException, SQLException {
    if (output.folder() != null) {
      FolderOutput.write(
          dataDirectory.root(),
          folder(output),
          output.format(),
          output.compression(),
          layout,
          chunk,
          scored);
      return;
    }
    try (Connection connection = jdbcTables.connect(output.jdbc().source(), "output.jdbc.source")) {
      TableOutput.write(connection, output.jdbc().table(), layout, firstRow, endRow, scored);
    }
  }

  /**
   * Ends the output with the job's outcome; safe to repeat.
   *
   * @return where the output is now: the folder relative to the data directory, or the table
   */
  public String finish(OutputRef output, JobOutcome outcome, String summaryJson)
      throws IOException, SQLException {
    if (output.folder() != null) {
      Path done = FolderOutput.finish(folder(output), outcome, summaryJson);
      return dataDirectory.root().relativize(done).toString();
    }
    if (outcome == JobOutcome.SUCCEEDED) {
      return output.jdbc().table();
    }
    try (Connection connection = jdbcTables.connect(output.jdbc().source(), "output.jdbc.source")) {
      return TableOutput.rename(connection, output.jdbc().table());
    }
  }

  private Path folder(OutputRef output) {
    return dataDirectory.inside(output.folder(), "output.folder");
  }
}

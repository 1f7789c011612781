package dev.scopeml.trainer.scoring.output;

import dev.scopeml.modelstore.queue.JobOutcome;
import dev.scopeml.trainer.sources.DuckDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * A folder of part files in Spark's layout: {@code part-00000.csv} (or {@code .parquet}) per chunk,
 * rejects in {@code _rejects/part-00000.*}, and {@code _SUCCESS} once every chunk committed. A part
 * is written under a temporary dot-name and moved to its chunk's name in one atomic rename, so a
 * reader never sees half a part and a retried chunk replaces its own part with the same rows. A job
 * that does not succeed is renamed {@code <folder>.partial}, with a {@code _PARTIAL} file saying
 * why.
 */
final class FolderOutput {

  static final String SUCCESS = "_SUCCESS";
  static final String PARTIAL = "_PARTIAL";
  static final String REJECTS = "_rejects";

  private FolderOutput() {}

  /** The name a job that does not succeed leaves its folder under. */
  static Path partial(Path folder) {
    return folder.resolveSibling(folder.getFileName() + ".partial");
  }

  /**
   * Creates the job's folder.
   *
   * @throws FileAlreadyExistsException if it, or its partial name, exists: a job never writes into
   *     another's output
   */
  static void create(Path folder) throws IOException {
    if (Files.exists(partial(folder))) {
      throw new FileAlreadyExistsException(partial(folder).getFileName().toString());
    }
    Files.createDirectories(folder.getParent());
    Files.createDirectory(folder);
  }

  /** Commits one chunk's parts. */
  static void write(
      Path dataDirectory,
      Path folder,
      String format,
      String codec,
      Layout layout,
      int chunk,
      ScoredChunk scored)
      throws IOException, SQLException {
    String name = "part-%05d.%s".formatted(chunk, format);
    if (scored.rejects().size() > 0) {
      Path rejects = Files.createDirectories(folder.resolve(REJECTS));
      commit(
          dataDirectory,
          rejects,
          name,
          format,
          codec,
          layout.rejectColumns(),
          scored.rejects().size(),
          scored.rejects()::row);
    }
    commit(
        dataDirectory,
        folder,
        name,
        format,
        codec,
        layout.outputColumns(),
        scored.rows().size(),
        scored.rows()::row);
  }

  private static void commit(
      Path dataDirectory,
      Path folder,
      String name,
      String format,
      String codec,
      List<Layout.Column> columns,
      int rows,
      IntFunction<Object[]> row)
      throws IOException, SQLException {
    Path temporary = folder.resolve("." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      if (format.equals("parquet")) {
        try (Connection duck = DuckDb.open(dataDirectory)) {
          ParquetParts.write(duck, temporary, codec, columns, rows, row);
        }
      } else {
        CsvParts.write(temporary, columns, rows, row);
      }
      Files.move(
          temporary,
          folder.resolve(name),
          StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Ends the job's output: {@code _SUCCESS} when it succeeded, else {@code _PARTIAL} and the
   * partial name. Safe to repeat.
   *
   * @return the folder's final path
   */
  static Path finish(Path folder, JobOutcome outcome, String summaryJson) throws IOException {
    if (outcome == JobOutcome.SUCCEEDED) {
      dropTemporaries(folder);
      Files.write(folder.resolve(SUCCESS), new byte[0]);
      return folder;
    }
    Path partial = partial(folder);
    if (!Files.isDirectory(folder)) {
      return partial; // an earlier attempt renamed it
    }
    dropTemporaries(folder);
    Files.writeString(folder.resolve(PARTIAL), summaryJson + "\n", StandardCharsets.UTF_8);
    Files.move(folder, partial, StandardCopyOption.ATOMIC_MOVE);
    return partial;
  }

  /** Temporary parts of attempts that died before their rename. */
  private static void dropTemporaries(Path folder) throws IOException {
    for (Path dir : List.of(folder, folder.resolve(REJECTS))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          String name = file.getFileName().toString();
          if (name.startsWith(".part-") && name.endsWith(".tmp")) {
            Files.deleteIfExists(file);
          }
        }
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /** A format's canonical name, or null when it is not one. */
  static String format(String requested) {
    String format = requested == null ? "csv" : requested.toLowerCase(Locale.ROOT);
    return format.equals("csv") || format.equals("parquet") ? format : null;
  }
}

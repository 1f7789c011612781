package dev.scopeml.processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A record of what runs, as a JSON file that is replaced atomically: a crash never leaves half a
 * file, and a reader never sees one. The local stack's {@code stack.json} and the scorer tier's
 * {@code tier.json} are such files.
 *
 * @param <T> the record type saved
 */
public final class JsonStateFile<T> {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;
  private final Class<T> type;

  public JsonStateFile(Path file, Class<T> type) {
    this.file = file;
    this.type = type;
  }

  public Path path() {
    return file;
  }

  /**
   * The saved state, or empty when there is none.
   *
   * @throws StateFileException if the file holds something else than a saved state
   */
  public Optional<T> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Files.readString(file), type));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (JacksonException e) {
      // Written atomically, so an unreadable file is not ours to interpret: report, never guess.
      throw new StateFileException("cannot parse " + file + ": " + e.getOriginalMessage(), e);
    }
  }

  public void save(T state) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  public void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}

package dev.scopeml.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** {@link StackState} as JSON, replaced atomically so a reader never sees half a file. */
public final class StackStateFile {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;

  public StackStateFile(Path file) {
    this.file = file;
  }

  public Optional<StackState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Files.readString(file), StackState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (JacksonException e) {
      // Written atomically, so an unreadable file is not ours to interpret: report, never guess.
      throw new StackException("cannot parse " + file + ": " + e.getOriginalMessage());
    }
  }

  public void save(StackState state) {
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

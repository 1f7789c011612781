package dev.scopeml.nginx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/** The tier state as a JSON file, replaced atomically so a crash never leaves half a file. */
public final class TierStateFile {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Path file;

  public TierStateFile(Path file) {
    this.file = file;
  }

  public Path path() {
    return file;
  }

  public Optional<TierState> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(Files.readString(file), TierState.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read tier state " + file, e);
    }
  }

  public void save(TierState state) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write tier state " + file, e);
    }
  }
}

package dev.scopeml.cli;

import dev.scopeml.cli.stack.StackPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What {@code --csv} names, as a user types it: a file of their own on this machine, uploaded to
 * the trainer first, or a file in the trainer's data directory. A path that exists here is the
 * user's file, unless it lies in the data directory of the local stack whose trainer is asked (the
 * trainer reads it there, no copy); anything else is a name the trainer resolves in its data
 * directory.
 */
final class CsvArgument {

  private CsvArgument() {}

  /** The {@code csv} value of a request's source: a data directory name or an upload's. */
  static String resolve(String argument, TrainerClient client, PrintWriter err) {
    Optional<Path> local = localFile(argument);
    if (local.isEmpty()) {
      return argument;
    }
    Optional<String> inStack = inLocalStackData(local.get(), client.base());
    if (inStack.isPresent()) {
      return inStack.get();
    }
    Path file = local.get();
    if (!Files.isReadable(file)) {
      throw new TrainerException(
          "cannot read "
              + file
              + ": give this user read access, or copy it into the trainer's data directory and"
              + " name it with --csv");
    }
    JsonNode uploaded = client.upload(file, new UploadProgress(file, size(file), err));
    String csv = uploaded.get("csv").asString();
    err.printf("uploaded %s: %,d rows as %s%n", file, uploaded.get("rows").asLong(), csv);
    return csv;
  }

  private static Optional<Path> localFile(String argument) {
    try {
      Path path = Path.of(argument);
      return Files.isRegularFile(path) ? Optional.of(path.toAbsolutePath()) : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** The file's name in the local stack's data directory, when that stack's trainer is asked. */
  private static Optional<String> inLocalStackData(Path file, URI trainer) {
    StackPaths paths = StackPaths.current();
    try {
      String stackTrainer = Files.readString(paths.trainerUrlFile()).strip();
      if (!URI.create(stackTrainer).equals(trainer)) {
        return Optional.empty();
      }
      Path data = paths.datasets().toRealPath();
      Path real = file.toRealPath();
      return real.startsWith(data)
          ? Optional.of(data.relativize(real).toString())
          : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new TrainerException("cannot read " + file + ": " + e.getMessage());
    }
  }
}

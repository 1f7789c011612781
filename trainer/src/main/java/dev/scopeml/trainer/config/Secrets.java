package dev.scopeml.trainer.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Secrets given either as a value or as a file (Docker and Compose secrets mount files). */
final class Secrets {

  private Secrets() {}

  static String resolve(String value, Path file) {
    if (file == null) {
      return value;
    }
    try {
      // Secret files usually end with a newline the secret itself does not contain.
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read secret file " + file, e);
    }
  }
}
